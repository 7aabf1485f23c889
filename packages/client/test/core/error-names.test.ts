// util.inspect and stack traces print a class's own name, so a bundled class must keep it: the bundler
// renames a class that refers to itself inside its body (`class _APIError`). Checked on the built
// package when there is one, and always on a fresh bundle made with tsup's settings (esbuild, es2022).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
type Errors = typeof import('../../src/core/errors.js');

function expectOwnNames(mod: Errors) {
  const init = { status: 500, headers: new Headers(), body: { code: 500 } };
  const made = [
    mod.APIError.generate({ ...init, status: 418 }),
    mod.APIError.generate(init),
    mod.APIError.generate({ ...init, status: 429 }),
    new mod.InvalidResponseError('x', 200, new Headers()),
    new mod.APIConnectionTimeoutError(5),
    new mod.InvalidRequestError('x'),
  ];
  for (const e of made) {
    expect(e.constructor.name).toBe(e.name);
    expect(inspect(e)).toMatch(new RegExp(`^${e.name}: `));
  }
}

describe('error class names survive bundling', () => {
  it('in a bundle made like the published one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2e-names-'));
    try {
      const out = join(dir, 'errors.mjs');
      await build({
        entryPoints: [join(root, 'src/core/errors.ts')],
        bundle: true,
        format: 'esm',
        target: 'es2022',
        platform: 'neutral',
        outfile: out,
      });
      expectOwnNames(await import(pathToFileURL(out).href));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync(join(root, 'dist/index.js')))('in the built package (dist/index.js)', async () => {
    expectOwnNames(await import(pathToFileURL(join(root, 'dist/index.js')).href));
  });
});
