// Checks some fragments on their own, inside a temporary root that indexes only them: lets one tag be
// written and checked while the rest of the spec is in progress. Usage: tsx src/check-fragment.ts FILE…
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readFragment, renderPathsBlock, withPathsBlock } from './fragments.ts';
import { SPEC_DIR, SPEC_ENTRY } from './locations.ts';
import { checkRoot } from './report.ts';

const files = process.argv.slice(2).map((f) => resolve(f));
if (!files.length) {
  console.error('usage: tsx src/check-fragment.ts spec/paths/<tag>.yaml …');
  process.exit(2);
}
const fragments = files.map(readFragment);
const root = join(SPEC_DIR, `.check-${process.pid}.yaml`);
writeFileSync(root, withPathsBlock(readFileSync(SPEC_ENTRY, 'utf8'), renderPathsBlock(fragments)));
try {
  process.exitCode = checkRoot(root) ? 0 : 1;
} finally {
  rmSync(root, { force: true });
}
