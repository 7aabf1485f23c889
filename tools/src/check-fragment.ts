// Checks some fragments on their own, inside a temporary root that indexes only them: lets one tag be
// written and checked while the rest of the spec is in progress. Usage: tsx src/check-fragment.ts FILE…
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkExamples } from './examples.ts';
import { readFragment, renderPathsBlock, withPathsBlock } from './fragments.ts';
import { SPEC_DIR, SPEC_ENTRY } from './paths.ts';
import { bundle, lint } from './redocly.ts';
import { report } from './report.ts';
import { checkRules } from './rules.ts';

const files = process.argv.slice(2).map((f) => resolve(f));
if (!files.length) { console.error('usage: tsx src/check-fragment.ts spec/paths/<tag>.yaml …'); process.exit(2); }
const fragments = files.map(readFragment);
const root = join(SPEC_DIR, `.check-${process.pid}.yaml`);
writeFileSync(root, withPathsBlock(readFileSync(SPEC_ENTRY, 'utf8'), renderPathsBlock(fragments)));
try {
  const linted = lint(root);
  console.log(`${linted.output}\n`);
  const doc = bundle(root);
  const ex = checkExamples(doc);
  const ok = [
    linted.ok,
    report('examples', ex.problems, `${ex.checked} examples valid`),
    report('conventions', checkRules(doc), `${fragments.reduce((n, f) => n + f.paths.length, 0)} paths follow spec/CONVENTIONS.md`),
  ].every(Boolean);
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(root, { force: true });
}
