// `pnpm --filter @a2e-sdk/client operations`: a short table of the API, straight from the generated table.
import { jobFamilies, operations } from '../src/generated/operations.gen.js';

const rows = Object.entries(operations).map(([id, op]) => ({ id, ...op }));
const byTag = new Map<string, typeof rows>();
for (const r of rows) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r]);
for (const [tag, ops] of byTag) {
  console.log(`\n${tag} (${ops.length})`);
  for (const o of ops) console.log(`  ${o.method.padEnd(6)} ${o.path.padEnd(52)} ${o.id}  [${o.kind}]`);
}
const families = Object.keys(jobFamilies);
console.log(
  `\n${rows.length} operations in ${byTag.size} tags; ${families.length} job families: ${families.join(', ')}`,
);
