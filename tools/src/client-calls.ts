// The sweep of public client code (spec/evidence/client-calls.yaml) checked against the spec: every
// (method, path), request-body key and answer field that two or more independent codebases use must be
// part of the spec. The search that produced the table cannot be re-run; this check can.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SPEC_DIR } from './locations.ts';
import { deref, operations, type OpenAPIDoc, type Operation, type Schema } from './openapi-document.ts';

/** One file a reviewer can open: a repository path, or the search index's file id where no repo was shown. */
export interface ClientRef {
  repo?: string;
  path?: string;
  commit?: string;
  index_id?: string;
  note?: string;
}
export interface Codebase {
  what: string;
  files: ClientRef[];
}
/** `reads`: fields the client relies on (checked). `tries`: fields probed in a fallback chain (listed only). */
export interface Sighting {
  by: string;
  body?: string[];
  query?: string[];
  reads?: string[];
  tries?: string[];
}
export interface CallRow {
  method: string;
  path: string;
  seen: Sighting[];
  note?: string;
}
export interface ClientCallTable {
  codebases: Record<string, Codebase>;
  calls: CallRow[];
}

export const CLIENT_CALLS_FILE = join(SPEC_DIR, 'evidence', 'client-calls.yaml');

export function loadClientCalls(file = CLIENT_CALLS_FILE): ClientCallTable {
  return parse(readFileSync(file, 'utf8')) as ClientCallTable;
}

/**
 * Path templates match when equal after naming every parameter alike and folding case: the docs spell
 * one path both `userText2image` and `userText2Image`, and clients call both; a different spelling
 * (`continueTranining`) is a different pair.
 */
export const pairKey = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}').toLowerCase()}`;

type Tally = { total: number; multi: number; missing: string[] };
export interface ClientCallReport {
  codebases: number;
  files: number;
  pairs: Tally;
  keys: Tally;
  fields: Tally;
  problems: string[];
}

/** Every schema a value may match: follows $ref, allOf, anyOf and oneOf. */
function branches(root: unknown, schema: unknown, seen = new Set<unknown>()): Schema[] {
  const s = deref(root, schema as Schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  const subs = [
    ...((s.allOf as unknown[]) ?? []),
    ...((s.anyOf as unknown[]) ?? []),
    ...((s.oneOf as unknown[]) ?? []),
  ];
  return [s, ...subs.flatMap((x) => branches(root, x, seen))];
}

/** Whether `field` (dotted, `[]` steps into array items: `data.rows[]._id`) is declared under `schema`. */
export function declares(root: unknown, schema: unknown, field: string): boolean {
  let frontier = [schema];
  for (const step of field.split('.')) {
    const name = step.replace(/(\[\])+$/, '');
    const arrays = (step.length - name.length) / 2;
    let next: unknown[] =
      name === ''
        ? frontier
        : frontier.flatMap((s) =>
            branches(root, s)
              .map((b) => (b.properties as Record<string, unknown> | undefined)?.[name])
              .filter((p) => p !== undefined),
          );
    for (let i = 0; i < arrays; i++)
      next = next.flatMap((s) =>
        branches(root, s)
          .map((b) => b.items)
          .filter((p) => p !== undefined),
      );
    if (next.length === 0) return false;
    frontier = next;
  }
  return true;
}

const bodySchema = (op: Operation) => op.requestBody?.content?.['application/json']?.schema;
function okSchema(doc: OpenAPIDoc, op: Operation) {
  const r = deref(
    doc,
    op.responses?.['200'] as { $ref?: string; content?: Record<string, { schema?: Schema }> } | undefined,
  );
  return r?.content?.['application/json']?.schema;
}

/** Counts each use by distinct codebases; checks every use by two or more against `doc`. */
export function checkClientCalls(doc: OpenAPIDoc, table: ClientCallTable): ClientCallReport {
  const problems: string[] = [];
  const ops = new Map([...operations(doc)].map((o) => [pairKey(o.method, o.path), o.op]));
  const pairs: Tally = { total: 0, multi: 0, missing: [] };
  const keys: Tally = { total: 0, multi: 0, missing: [] };
  const fields: Tally = { total: 0, multi: 0, missing: [] };
  const rows = new Map<string, CallRow[]>();
  for (const row of table.calls ?? []) {
    for (const s of row.seen ?? [])
      if (!table.codebases?.[s.by]) problems.push(`${row.method} ${row.path}: unknown codebase ${s.by}`);
    const k = pairKey(row.method, row.path);
    rows.set(k, [...(rows.get(k) ?? []), row]);
  }
  for (const [k, same] of rows) {
    const seen = same.flatMap((r) => r.seen ?? []);
    const label = `${same[0]!.method.toUpperCase()} ${same[0]!.path}`;
    const users = new Set(seen.map((s) => s.by));
    const op = ops.get(k);
    pairs.total++;
    if (users.size >= 2) {
      pairs.multi++;
      if (!op) pairs.missing.push(`${label} (${[...users].join(', ')})`);
    }
    const tally = (
      t: Tally,
      pick: (s: Sighting) => string[] | undefined,
      has: (x: string) => boolean,
      what: string,
    ) => {
      const by = new Map<string, Set<string>>();
      for (const s of seen) for (const x of new Set(pick(s) ?? [])) by.set(x, (by.get(x) ?? new Set()).add(s.by));
      for (const [x, who] of by) {
        t.total++;
        if (who.size < 2) continue;
        t.multi++;
        if (!op || !has(x)) t.missing.push(`${label} ${what} ${x} (${[...who].join(', ')})`);
      }
    };
    tally(
      keys,
      (s) => s.body,
      (x) => !!op && declares(doc, bodySchema(op), x),
      'body key',
    );
    tally(
      fields,
      (s) => s.reads,
      (x) => !!op && declares(doc, okSchema(doc, op), x),
      'read field',
    );
  }
  const codebases = Object.values(table.codebases ?? {});
  return {
    codebases: codebases.length,
    files: codebases.reduce((n, c) => n + (c.files?.length ?? 0), 0),
    pairs,
    keys,
    fields,
    problems,
  };
}

const frac = (t: Tally) => `${t.multi - t.missing.length}/${t.multi}`;
/** The lines `pnpm spec:coverage` prints for the sweep. */
export function clientCallLines(r: ClientCallReport): string[] {
  return [
    `client calls: pairs used by 2+ clients covered ${frac(r.pairs)}, body keys ${frac(r.keys)}, read fields ${frac(r.fields)}`,
    `  sweep totals: ${r.codebases} independent codebases (${r.files} files); ${r.pairs.total} pairs, ${r.keys.total} body keys, ` +
      `${r.fields.total} read fields seen`,
    ...[...r.pairs.missing, ...r.keys.missing, ...r.fields.missing].map((m) => `  missing: ${m}`),
    ...r.problems.map((p) => `  table: ${p}`),
  ];
}

export const clientCallsFail = (r: ClientCallReport) =>
  r.pairs.missing.length + r.keys.missing.length + r.fields.missing.length + r.problems.length > 0;
