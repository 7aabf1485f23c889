// The one entry of code generation: every file derived from the spec, from one bundled document.
//   `pnpm generate`        (tsx tools/src/codegen.ts)          writes them;
//   `pnpm generate:check`  (tsx tools/src/codegen.ts --check)  fails when a committed one differs.
// The renderers live beside it: generate.ts (the client's types and operation tables), vectors.ts (the
// conformance vectors) and generators/react-hooks.ts (the React hooks).
import { relative } from 'node:path';
import { renderGenerated } from './generate.ts';
import { renderReactHooks } from './generators/react-hooks.ts';
import { GENERATED_DIR, isMain, REACT_GENERATED_DIR, ROOT, SPEC_ENTRY } from './locations.ts';
import type { OpenAPIDoc } from './openapi-document.ts';
import { type Rendered, staleIn, writeIn } from './outputs.ts';
import { bundle } from './redocly.ts';
import { renderVectors, VECTOR_DIR } from './vectors.ts';

export interface Generator {
  /** What it makes, for messages. */
  name: string;
  /** The folder its files are written to. */
  dir: string;
  /** Whether it owns the whole folder (files it no longer renders are stale, and removed on write). */
  exclusive: boolean;
  render(spec: OpenAPIDoc): Rendered | Promise<Rendered>;
}

export const GENERATORS: readonly Generator[] = [
  { name: 'client types and tables', dir: GENERATED_DIR, exclusive: false, render: renderGenerated },
  { name: 'React hooks', dir: REACT_GENERATED_DIR, exclusive: false, render: renderReactHooks },
  { name: 'conformance vectors', dir: VECTOR_DIR, exclusive: true, render: renderVectors },
];

/** Files, relative to the repo root, whose committed text differs from a fresh generation. */
export async function staleGenerated(spec = bundle(SPEC_ENTRY), generators = GENERATORS): Promise<string[]> {
  const stale: string[] = [];
  for (const g of generators) {
    const found = staleIn(g.dir, await g.render(spec), { exclusive: g.exclusive });
    stale.push(...found.map((file) => relative(ROOT, `${g.dir}/${file}`)));
  }
  return stale;
}

/** Writes every generator's files; returns what was generated, for the log. */
export async function writeAll(spec = bundle(SPEC_ENTRY), generators = GENERATORS): Promise<string[]> {
  const lines: string[] = [];
  for (const g of generators) {
    const rendered = await g.render(spec);
    writeIn(g.dir, rendered, { exclusive: g.exclusive });
    lines.push(`${g.name}: ${rendered.size} files in ${relative(ROOT, g.dir)}`);
  }
  return lines;
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = await staleGenerated();
    if (stale.length) {
      console.error(
        `✗ generated files are stale or hand-edited: ${stale.join(', ')} — run \`pnpm generate\` and commit`,
      );
      process.exit(1);
    }
    console.log('✓ generated files match the spec');
  } else {
    for (const line of await writeAll()) console.log(`generated ${line}`);
  }
}
