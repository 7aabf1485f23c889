// `pnpm spec:check`: the whole spec — paths index, Redocly lint, every example, the conventions.
import { checkExamples } from './examples.ts';
import { expectedRoot } from './fragments.ts';
import { SPEC_ENTRY } from './paths.ts';
import { bundle, lint } from './redocly.ts';
import { report } from './report.ts';
import { checkRules } from './rules.ts';
import { operations } from './types.ts';

const index = expectedRoot();
const indexProblems = [
  ...index.duplicates.map((message) => ({ where: 'spec/paths', message })),
  ...(index.text === index.current ? [] : [{ where: 'spec/openapi.yaml', message: 'paths index differs from spec/paths/*.yaml: run `pnpm spec:index`' }]),
];
const results = [report('paths index', indexProblems, `${index.count} paths indexed`)];

const linted = lint(SPEC_ENTRY);
console.log(linted.output);
results.push(linted.ok);

const doc = bundle(SPEC_ENTRY);
const ex = checkExamples(doc);
results.push(report('examples', ex.problems, `${ex.checked} examples valid`));
results.push(report('conventions', checkRules(doc), `${[...operations(doc)].length} operations follow spec/CONVENTIONS.md`));
process.exit(results.every(Boolean) ? 0 : 1);
