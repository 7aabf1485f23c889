// `pnpm spec:coverage`: every endpoint of the docs catalogue and every operation of A2E's own
// description (../shared) must be an operation of our spec, same method and path template; and every call,
// body key and answer field that two or more independent public clients use (spec/evidence) must be in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isMain, SHARED_DIR, SPEC_ENTRY } from './locations.ts';
import { bundle } from './redocly.ts';
import { unconfirmedOfficialLimits } from './official-limits.ts';
import { precisionGaps, type OfficialOp } from './precision.ts';
import { operations } from './openapi-document.ts';
import { checkClientCalls, clientCallLines, clientCallsFail, loadClientCalls } from './client-calls.ts';

interface DocsEndpoint {
  title: string;
  method: string | null;
  path: string | null;
}

export function docsEndpoints(): (DocsEndpoint & { group: string })[] {
  const dir = join(SHARED_DIR, 'a2e-docs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as {
        groups: { group: string; endpoints: DocsEndpoint[] }[];
      };
      return doc.groups.flatMap((g) => g.endpoints.map((e) => ({ ...e, group: g.group })));
    });
}

export function officialOperations(): OfficialOp[] {
  return (
    JSON.parse(readFileSync(join(SHARED_DIR, 'a2e-official', 'operations.json'), 'utf8')) as {
      operations: OfficialOp[];
    }
  ).operations;
}

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function coverage() {
  const doc = bundle(SPEC_ENTRY);
  const have = new Set([...operations(doc)].map((o) => key(o.method, o.path)));
  const docs = docsEndpoints();
  const docsOps = docs.filter((e) => e.method && e.path);
  const official = officialOperations();
  return {
    docs: {
      total: docsOps.length,
      missing: docsOps.filter((e) => !have.has(key(e.method!, e.path!))),
      notOperations: docs.filter((e) => !e.path),
    },
    official: { total: official.length, missing: official.filter((o) => !have.has(key(o.method, o.path))) },
    precision: precisionGaps(doc, official),
    clientCalls: checkClientCalls(doc, loadClientCalls()),
    officialLimits: unconfirmedOfficialLimits(doc, official, {
      components: { schemas: JSON.parse(readFileSync(join(SHARED_DIR, 'a2e-official', 'schemas.json'), 'utf8')) },
    }),
    specTotal: have.size,
  };
}

if (isMain(import.meta.url)) {
  const c = coverage();
  console.log(`covered ${c.docs.total - c.docs.missing.length}/${c.docs.total} (docs catalogue endpoints)`);
  for (const e of c.docs.missing) console.log(`  missing: ${key(e.method!, e.path!)}  (${e.group} / ${e.title})`);
  for (const e of c.docs.notOperations) console.log(`  known gap, no path in any source: ${e.group} / ${e.title}`);
  console.log(`official operations covered ${c.official.total - c.official.missing.length}/${c.official.total}`);
  for (const o of c.official.missing) console.log(`  missing: ${key(o.method, o.path)}  (${o.a2e_operationId})`);
  const p = c.precision;
  console.log(
    `official request facts kept ${p.checked - p.gaps.length}/${p.checked} (job starts, parameters, body properties, required fields)`,
  );
  for (const g of p.gaps) console.log(`  gap: ${g}`);
  const l = c.officialLimits;
  console.log(`limits cited as official and found in A2E's description ${l.checked - l.gaps.length}/${l.checked}`);
  for (const g of l.gaps) console.log(`  gap: ${g}`);
  for (const line of clientCallLines(c.clientCalls)) console.log(line);
  console.log(`spec operations in all: ${c.specTotal}`);
  const failed =
    c.docs.missing.length ||
    c.official.missing.length ||
    p.gaps.length ||
    l.gaps.length ||
    clientCallsFail(c.clientCalls);
  process.exit(failed ? 1 : 0);
}
