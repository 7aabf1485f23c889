// `pnpm docs`: the static reference in docs/ — the spec as one Redoc page (docs/api/) built from the
// bundled description, the TypeScript API of @a2e-sdk/client and @a2e-sdk/react (docs/ts/, TypeDoc),
// the bundled description itself (docs/openapi.json) and an index linking them. Everything is local:
// `redocly build-docs` points the page at Redoc's script on a CDN; the same file ships inside
// @redocly/cli (it hashes it for the page's integrity attribute), so it is copied beside the page.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain, ROOT } from '@a2e-sdk/tools/locations';
import { bundleSpec } from '@a2e-sdk/tools/spec';

export const DOCS_DIR = join(ROOT, 'docs');
const HERE = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

function binOf(pkg: string, name: string): string {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]!);
}

function run(bin: string, args: string[]): void {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: HERE, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

const INDEX = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A2E SDK reference</title></head>
<body><h1>A2E SDK reference</h1><ul>
<li><a href="api/index.html">HTTP API</a> — every operation of the spec</li>
<li><a href="ts/index.html">TypeScript API</a> — @a2e-sdk/client and @a2e-sdk/react</li>
<li><a href="openapi.json">openapi.json</a> — the bundled description</li>
</ul></body></html>
`;

const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v[\d.]+\/bundles\/redoc\.standalone\.js/g;

/** Points the page at a local copy of Redoc's script, so the reference needs no network. */
function localizeRedoc(page: string): void {
  const html = readFileSync(page, 'utf8');
  if (!html.match(CDN_SCRIPT)) throw new Error(`${page}: Redoc's script URL changed; update CDN_SCRIPT`);
  const local = join(dirname(require.resolve('@redocly/cli/package.json')), 'lib', 'chunks', 'redoc.standalone.js');
  copyFileSync(local, join(dirname(page), 'redoc.standalone.js'));
  writeFileSync(page, html.replace(CDN_SCRIPT, './redoc.standalone.js'));
}

export function buildDocs(out = DOCS_DIR): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'api'), { recursive: true });
  const spec = join(out, 'openapi.json');
  writeFileSync(spec, JSON.stringify(bundleSpec(), null, 2));
  const page = join(out, 'api', 'index.html');
  run(binOf('@redocly/cli', 'redocly'), ['build-docs', spec, '-o', page, '--title', 'A2E API reference']);
  localizeRedoc(page);
  run(binOf('typedoc', 'typedoc'), ['--options', join(HERE, 'typedoc.json'), '--out', join(out, 'ts')]);
  writeFileSync(join(out, 'index.html'), INDEX);
}

if (isMain(import.meta.url)) {
  const started = Date.now();
  buildDocs();
  console.log(
    `docs/ built in ${((Date.now() - started) / 1000).toFixed(1)} s: api/index.html, ts/index.html, openapi.json`,
  );
}
