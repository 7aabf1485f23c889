// A limit cited as `x-a2e-limits: official` must be in A2E's own description: the same keyword and
// value on the same parameter or body property of the same operation (spec/CONVENTIONS.md).
import type { OfficialOp } from './precision.ts';
import { LIMIT_KEYWORDS } from './rules-evidence.ts';
import { deref, operations, type OpenAPIDoc, type Schema } from './openapi-document.ts';

/** `location|keyword` → the values found there, e.g. `query.pageSize|maximum` → ['100']. */
type Limits = Map<string, string[]>;

/** Limits of a schema by property path (`body.ids`, `body.shots[].prompt`), through $ref and combinators. */
function collect(
  root: unknown,
  node: unknown,
  loc: string,
  out: Limits,
  onlyOfficial: boolean,
  seen = new Set<object>(),
) {
  const s = deref(root, node) as Schema | undefined;
  if (!s || typeof s !== 'object' || seen.has(s)) return;
  seen.add(s);
  const cited = s['x-a2e-limits'];
  for (const k of LIMIT_KEYWORDS) {
    if (!(k in s)) continue;
    const source = typeof cited === 'object' && cited !== null ? (cited as Record<string, unknown>)[k] : cited;
    if (onlyOfficial && source !== 'official') continue;
    const key = `${loc}|${k}`;
    out.set(key, [...(out.get(key) ?? []), JSON.stringify(s[k])]);
  }
  for (const c of ['allOf', 'anyOf', 'oneOf'] as const)
    for (const sub of (s[c] as unknown[]) ?? []) collect(root, sub, loc, out, onlyOfficial, seen);
  for (const [name, sub] of Object.entries((s.properties as Record<string, unknown>) ?? {}))
    collect(root, sub, `${loc}.${name}`, out, onlyOfficial, seen);
  if (s.items && typeof s.items === 'object') collect(root, s.items, `${loc}[]`, out, onlyOfficial, seen);
}

/** Every `official` limit of ours that A2E's description does not state, as `METHOD path: location keyword`. */
export function unconfirmedOfficialLimits(
  doc: OpenAPIDoc,
  official: OfficialOp[],
  officialSchemas: unknown,
): { checked: number; gaps: string[] } {
  const theirsByOp = new Map(official.map((o) => [`${o.method} ${o.path}`, o]));
  const gaps: string[] = [];
  let checked = 0;
  for (const { path, method, op } of operations(doc)) {
    const key = `${method.toUpperCase()} ${path}`;
    const mine: Limits = new Map();
    for (const p of [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p))) {
      collect(doc, p.schema, `${p.in}.${p.name}`, mine, true);
    }
    collect(doc, op.requestBody?.content?.['application/json']?.schema, 'body', mine, true);
    if (!mine.size) continue;
    const off = theirsByOp.get(key);
    const theirs: Limits = new Map();
    for (const p of off?.parameters ?? []) collect(officialSchemas, p.schema, `${p.in}.${p.name}`, theirs, false);
    collect(officialSchemas, off?.requestBody?.content?.['application/json']?.schema, 'body', theirs, false);
    for (const [where, values] of mine) {
      for (const v of values) {
        checked++;
        if (!theirs.get(where)?.includes(v))
          gaps.push(
            `${key}: ${where.replace('|', ' ')} ${v} is cited as official, but A2E's description does not state it`,
          );
      }
    }
  }
  return { checked, gaps };
}
