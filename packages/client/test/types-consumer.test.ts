// The published declarations (dist/*.d.ts) as consumers compile them: lib ES2022 + DOM only, no
// @types/node, skipLibCheck off (no AsyncDisposable needed), and with esnext.disposable, where
// `await using` on a streaming session must keep working. Needs dist/ (turbo builds it before test).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from '../bench/size.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const fixtures = join(root, 'test/fixtures/consumer-types');

async function check(config: string): Promise<string> {
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', join(fixtures, config)], { cwd: fixtures });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe('the published types', () => {
  it('compile for a consumer with lib ["es2022", "dom"] and skipLibCheck false', async () => {
    expect(await check('tsconfig.plain.json')).toBe('');
  }, 60_000);

  it('give `await using` a disposable session where the lib has esnext.disposable', async () => {
    expect(await check('tsconfig.disposable.json')).toBe('');
  }, 60_000);
});
