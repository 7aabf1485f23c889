// Bundle sizes of the built package (dist/), per entry, as an app's bundler sees them, gzip level 9.
//   startup — Rollup (the bundler behind most production app builds; it drops unused re-exports of a
//             `sideEffects: false` package and splits at `import()`), chunks minified by esbuild: what
//             loads when the app starts, the entry chunk and every chunk it imports statically;
//   lazy    — the chunks reached only through `import()` (workflows, openapi-fetch), fetched on first use;
//   single  — esbuild, one file, no splitting (what the "now" figures measured).
// Shared by `pnpm bench` (which prints the breakdown) and test/bundle.test.ts (which fails when an
// entry's startup outgrows its budget).
//
// Why a script rather than size-limit: the figure that matters (startup vs lazy chunks of one import
// line) is a few lines over Rollup's output, with Rollup and esbuild already in the tree; size-limit and
// its esbuild plugin would add two dependencies to report one gzip number without that split.
//
// The budgets are today's sizes plus a little headroom, so growth shows up as a failing test. The jobs-at-scale
// work (family links in the table, the tracker's exports, shared proxy sessions) raised them by 0.3–2 kB.
// The lean-client issue's goals (9 kB for createA2EClient, 5 kB for three functions) are not met yet.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Entry {
  /** What an app writes, with `@a2e-sdk/client…` standing for the built dist file. */
  code: string;
  /** Most gzip bytes its startup may take (CI fails above it). */
  budgetGzipBytes: number;
  platform?: 'neutral' | 'node';
}

/** Every entry of package.json#exports, imported the way an app typically does. */
export const ENTRIES: Record<string, Entry> = {
  // Issue 15's goal is 9,000: the table, its job families and the pipeline alone take ~11 kB (see README).
  createA2EClient: { code: "export { createA2EClient } from '@a2e-sdk/client';", budgetGzipBytes: 13_600 },
  'three operations (fns)': {
    code: "export { createA2ECore, getDubbing, startDubbing, listDubbings } from '@a2e-sdk/client/fns';",
    budgetGzipBytes: 5_150,
  },
  handleA2EWebhook: { code: "export { handleA2EWebhook } from '@a2e-sdk/client';", budgetGzipBytes: 3_100 },
  'everything of the main entry': { code: "export * from '@a2e-sdk/client';", budgetGzipBytes: 21_000 },
  'createA2EProxy (proxy)': {
    code: "export { createA2EProxy } from '@a2e-sdk/client/proxy';",
    budgetGzipBytes: 18_600,
  },
  'operations table (operations)': {
    code: "export { operations } from '@a2e-sdk/client/operations';",
    budgetGzipBytes: 5_350,
  },
  'uploadFile, nodeHandler (node)': {
    code: "export { uploadFile, nodeHandler } from '@a2e-sdk/client/node';",
    budgetGzipBytes: 1_300,
    platform: 'node',
  },
};

const SUBPATHS: Record<string, string> = {
  '@a2e-sdk/client': 'dist/index.js',
  '@a2e-sdk/client/fns': 'dist/fns.js',
  '@a2e-sdk/client/proxy': 'dist/proxy.js',
  '@a2e-sdk/client/operations': 'dist/operations.js',
  '@a2e-sdk/client/node': 'dist/node.js',
};
const toDist = (code: string) =>
  code.replace(/'(@a2e-sdk\/client[^']*)'/g, (_, spec: string) => JSON.stringify(join(root, SUBPATHS[spec]!)));

export interface Measured {
  startupGzipBytes: number;
  lazyGzipBytes: number;
  singleGzipBytes: number;
  chunks: number;
}

const gzip = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;

/** Bundles one import line; splits Rollup's output into start-up and lazy chunks, and measures esbuild's single file. */
export async function measure(
  code: string,
  platform: 'neutral' | 'node' = 'neutral',
): Promise<Measured & { text: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-size-'));
  try {
    const entry = join(dir, 'app.js');
    writeFileSync(entry, toDist(code));
    const openapiFetch = join(root, 'node_modules/openapi-fetch/dist/index.mjs');
    const bundle = await rollup({
      input: entry,
      logLevel: 'silent',
      external: (id) => id.startsWith('node:'),
      plugins: [{ name: 'resolve-openapi-fetch', resolveId: (id) => (id === 'openapi-fetch' ? openapiFetch : null) }],
      // What package.json#sideEffects tells a bundler; the plugin-free resolution above does not read it.
      treeshake: { moduleSideEffects: (id) => !id.startsWith(root) },
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const chunks = new Map(output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
    const startup = new Set<string>();
    const visit = (name: string) => {
      if (startup.has(name)) return;
      startup.add(name);
      for (const i of chunks.get(name)!.imports) if (chunks.has(i)) visit(i);
    };
    visit([...chunks.values()].find((c) => c.isEntry)!.fileName);
    const minified = new Map<string, string>();
    for (const [name, c] of chunks) minified.set(name, (await transform(c.code, { minify: true, format: 'esm' })).code);
    const startupText = [...startup].map((n) => minified.get(n)!).join('\n');
    const lazy = [...chunks.keys()].filter((n) => !startup.has(n));
    const single = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform,
      write: false,
      logLevel: 'silent',
      mainFields: ['module', 'main'],
    });
    return {
      startupGzipBytes: gzip(startupText),
      lazyGzipBytes: lazy.reduce((n, name) => n + gzip(minified.get(name)!), 0),
      singleGzipBytes: gzip(single.outputFiles[0]!.contents),
      chunks: chunks.size,
      text: startupText,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** Every entry against its budget. */
export async function sizes(): Promise<Record<string, Measured & { budgetGzipBytes: number; withinBudget: boolean }>> {
  const result: Record<string, Measured & { budgetGzipBytes: number; withinBudget: boolean }> = {};
  for (const [name, { code, budgetGzipBytes, platform }] of Object.entries(ENTRIES)) {
    const { text: _, ...m } = await measure(code, platform);
    result[name] = { ...m, budgetGzipBytes, withinBudget: m.startupGzipBytes <= budgetGzipBytes };
  }
  return result;
}
