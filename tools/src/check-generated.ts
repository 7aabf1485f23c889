// `pnpm generate:check`: committed generated files — the client's code and the conformance vectors —
// must equal a fresh generation from the spec.
import { staleFiles } from './generate.ts';
import { staleVectors } from './vectors.ts';

const stale = [...(await staleFiles()), ...staleVectors().map((f) => `vectors/operations/${f}`)];
if (stale.length) {
  console.error(`✗ generated files are stale or hand-edited: ${stale.join(', ')} — run \`pnpm generate\` and commit`);
  process.exit(1);
}
console.log('✓ generated files match the spec');
