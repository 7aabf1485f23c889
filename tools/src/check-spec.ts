// `pnpm check:spec`: the whole spec — paths index, Redocly lint, every example, the conventions.
import { expectedRoot } from './fragments.ts';
import { SPEC_ENTRY } from './locations.ts';
import { checkRoot, report } from './report.ts';

const index = expectedRoot();
const indexProblems = [
  ...index.duplicates.map((message) => ({ where: 'spec/paths', message })),
  ...(index.text === index.current
    ? []
    : [{ where: 'spec/openapi.yaml', message: 'paths index differs from spec/paths/*.yaml: run `pnpm spec:index`' }]),
];
const results = [report('paths index', indexProblems, `${index.count} paths indexed`)];

results.push(checkRoot(SPEC_ENTRY));
process.exit(results.every(Boolean) ? 0 : 1);
