// Redocly CLI wrappers: the CLI is the supported interface of @redocly/cli, so we shell out to it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './locations.ts';
import type { OpenAPIDoc } from './openapi-document.ts';

const require = createRequire(import.meta.url);
const pkgPath = require.resolve('@redocly/cli/package.json');
const bin = join(
  dirname(pkgPath),
  (JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: { redocly: string } }).bin.redocly,
);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

// Redocly 2.x frames a Node 20 end-of-life notice in a box on every run; it is noise in our checks.
const quiet = (text: string) => text.replace(/^\s*╔[\s\S]*?╝\s*$/m, '').trim();

/** Bundles a multi-file spec into one document (fragment schemas are hoisted into components). */
export function bundle(entry: string): OpenAPIDoc {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    const r = spawnSync(process.execPath, [bin, 'bundle', entry, '-o', out], { env, cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`redocly bundle failed:\n${quiet(r.stderr)}`);
    return JSON.parse(readFileSync(out, 'utf8')) as OpenAPIDoc;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lints with the repo's redocly.yaml; returns whether it passed and what it printed. */
export function lint(entry: string): { ok: boolean; output: string } {
  const r = spawnSync(
    process.execPath,
    [bin, 'lint', entry, '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish'],
    { env, cwd: ROOT, encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: quiet(`${r.stdout}${r.stderr}`) };
}
