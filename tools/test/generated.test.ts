import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleFiles, writeGenerated } from '../src/generate.ts';

describe('generated files staleness check', () => {
  it('passes a fresh generation and names exactly the file edited by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    await writeGenerated(dir);
    expect(await staleFiles(dir)).toEqual([]);
    const file = join(dir, 'operations.gen.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('export const operations', '// edited\nexport const operations'),
    );
    expect(await staleFiles(dir)).toEqual(['operations.gen.ts']);
    rmSync(file);
    expect(await staleFiles(dir)).toEqual(['operations.gen.ts']);
  }, 60_000);
});
