// `pnpm generate:check`: the committed generated files must equal a fresh generation from the spec.
import { staleFiles } from './generate.ts';

const stale = await staleFiles();
if (stale.length) {
  console.error(`✗ generated files are stale or hand-edited: ${stale.join(', ')} — run \`pnpm generate\` and commit`);
  process.exit(1);
}
console.log('✓ generated files match the spec');
