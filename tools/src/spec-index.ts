// `pnpm spec:index`: rewrite the paths index of spec/openapi.yaml from the fragments (spec/paths/*.yaml).
import { writeFileSync } from 'node:fs';
import { expectedRoot } from './fragments.ts';
import { SPEC_ENTRY } from './locations.ts';

const { text, duplicates, count } = expectedRoot();
if (duplicates.length) {
  console.error(`paths defined twice:\n  ${duplicates.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(SPEC_ENTRY, text);
console.log(`spec/openapi.yaml: paths index rewritten (${count} paths)`);
