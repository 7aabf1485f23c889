// Conventions about evidence (spec/CONVENTIONS.md, "Evidence for limits and unknown answers"): a request
// limit names its source, and an answer no source has shown is not given a shape.
import { deref, type OpenAPIDoc, type Operation, type Schema } from './openapi-document.ts';

/** Keywords that narrow what a request may send; each needs a cited source (`x-a2e-limits`). */
export const LIMIT_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
] as const;

/**
 * `official` (A2E's description states it in its schema; `pnpm spec:coverage` checks that), or
 * `official-prose: …` (only its words say it), `docs: …` (a docs page), `code: …` (a public client):
 * each with what the source says, in our words. A sibling's limit is no source: there is no `borrowed`.
 */
const SOURCE = /^(official|(official-prose|docs|code): \S.*)$/;

/** Keywords a schema may keep when nothing is known of a value: they describe, they do not constrain. */
const DESCRIPTIVE = new Set(['description', 'title', 'examples', 'deprecated']);

const sourceProblem = (source: unknown): string | undefined => {
  if (typeof source !== 'string') return 'must be a string';
  if (/^borrowed/i.test(source))
    return "a sibling's limit is not a source: cite what says it applies here, or drop the limit";
  return SOURCE.test(source) ? undefined : 'must be official, or "official-prose: …", "docs: …" or "code: …"';
};

/** Every limit keyword of every request schema (parameters and JSON body) has a cited source. */
export function checkLimits(doc: OpenAPIDoc, path: string, op: Operation, seen: Set<object>): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, where: string) => {
    const s = deref(doc, node) as Schema | undefined;
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const cited = s['x-a2e-limits'];
    const present = LIMIT_KEYWORDS.filter((k) => k in s);
    if (cited !== undefined && typeof cited === 'object' && cited !== null) {
      for (const [k, source] of Object.entries(cited)) {
        if (!present.includes(k as never))
          problems.push(`${where}: x-a2e-limits cites ${k}, which this schema does not have`);
        const bad = sourceProblem(source);
        if (bad) problems.push(`${where}: x-a2e-limits.${k} ${bad}`);
      }
    } else if (cited !== undefined) {
      const bad = sourceProblem(cited);
      if (bad) problems.push(`${where}: x-a2e-limits ${bad}`);
      if (!present.length) problems.push(`${where}: x-a2e-limits on a schema without limits`);
    }
    for (const k of present) {
      const source = typeof cited === 'object' && cited !== null ? (cited as Record<string, unknown>)[k] : cited;
      if (source === undefined) problems.push(`${where}: ${k} ${JSON.stringify(s[k])} cites no source (x-a2e-limits)`);
    }
    for (const c of ['allOf', 'anyOf', 'oneOf'] as const)
      ((s[c] as unknown[]) ?? []).forEach((sub, i) => visit(sub, `${where}/${c}/${i}`));
    for (const [name, sub] of Object.entries((s.properties as Record<string, unknown>) ?? {}))
      visit(sub, `${where}.${name}`);
    if (s.items && typeof s.items === 'object') visit(s.items, `${where}[]`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      visit(s.additionalProperties, `${where}{}`);
    if (s.not) visit(s.not, `${where}/not`);
  };
  for (const p of [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p))) {
    visit(p.schema, `${p.in} parameter ${p.name}`);
  }
  visit(op.requestBody?.content?.['application/json']?.schema, 'body');
  return problems;
}

/** With `x-a2e-docs.response: unknown`, the 200's `data` says nothing of its type or fields. */
export function checkUnknownResponse(doc: OpenAPIDoc, op: Operation): string[] {
  if ((op['x-a2e-docs'] as { response?: string } | undefined)?.response !== 'unknown') return [];
  const schema = op.responses?.['200']?.content?.['application/json']?.schema;
  const parts = ((schema?.allOf as unknown[]) ?? []).map((s) => deref(doc, s) as Schema);
  const data = parts.map((s) => (s.properties as Record<string, unknown> | undefined)?.data).find(Boolean);
  const constraining = Object.keys((deref(doc, data) as Schema | undefined) ?? {}).filter(
    (k) => !DESCRIPTIVE.has(k) && !k.startsWith('x-'),
  );
  return constraining.length
    ? [`response: unknown, but data is constrained (${constraining.join(', ')}): leave it untyped`]
    : [];
}
