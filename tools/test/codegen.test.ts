// The one staleness check covers every generator: a hand edit or a missing file in any output folder is named.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATORS, staleGenerated, writeAll } from '../src/codegen.ts';
import { ROOT } from '../src/locations.ts';
import { bundle } from '../src/redocly.ts';

const scratch = mkdtempSync(join(tmpdir(), 'codegen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('codegen', () => {
  it('runs the client, React and vector generators, and its check names exactly the file edited by hand', async () => {
    expect(GENERATORS.map((g) => g.name)).toEqual(['client types and tables', 'React hooks', 'conformance vectors']);
    const spec = bundle(join(import.meta.dirname, 'fixtures', 'job-family', 'openapi.yaml'));
    const generators = GENERATORS.map((g) => ({ ...g, dir: join(scratch, g.name.replaceAll(' ', '-')) }));
    await writeAll(spec, generators);
    expect(await staleGenerated(spec, generators)).toEqual([]);

    const hooks = join(scratch, 'React-hooks', 'hooks.gen.ts');
    writeFileSync(hooks, readFileSync(hooks, 'utf8').replace('listRenders', 'listRenderz'));
    rmSync(join(scratch, 'conformance-vectors', 'getRender.json'));
    writeFileSync(join(scratch, 'conformance-vectors', 'leftover.json'), '{}');
    expect(await staleGenerated(spec, generators)).toEqual([
      relative(ROOT, hooks),
      relative(ROOT, join(scratch, 'conformance-vectors', 'getRender.json')),
      relative(ROOT, join(scratch, 'conformance-vectors', 'leftover.json (not generated any more)')),
    ]);
  }, 60_000);
});
