// Where a real answer differs from the spec: a wrong status, fields the spec does not declare,
// required fields that are missing, values of the wrong type or outside an enum. Every difference is
// collected; nothing stops at the first.

/** The node a local `$ref` points at (the bundled spec has no other kind); this file ships in the kit, so no tools import. */
export function deref<T>(doc: unknown, node: T): T {
  let cur: any = node;
  for (let hops = 0; cur && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/') && hops < 64; hops++) {
    cur = (cur.$ref as string)
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return cur as T;
}

export type DriftKind =
  | 'status'
  | 'undeclared-field'
  | 'missing-required'
  | 'type-mismatch'
  | 'enum-mismatch'
  | 'schema'
  | 'request-failed'
  /** HTTP 200 whose body is not the `{ code: 0, data }` envelope. */
  | 'envelope'
  /** A request the spec forbids (no token, a required field missing) was not refused. */
  | 'negative'
  /** A job flow did not go as the spec's job family says (no id, an unknown status, no terminal state). */
  | 'job';
export interface Drift {
  operation: string;
  kind: DriftKind;
  at: string;
  detail: string;
}

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}
type Schema = Record<string, unknown>;

/** Property schemas declared at one object level, through $ref, allOf, anyOf and oneOf. */
function declared(doc: unknown, schema: unknown, seen = new Set<unknown>()): Map<string, Schema> {
  const s = deref(doc, schema) as Schema | undefined;
  const out = new Map<string, Schema>();
  if (!s || typeof s !== 'object' || seen.has(s)) return out;
  seen.add(s);
  for (const [k, v] of Object.entries((s.properties as Record<string, Schema>) ?? {})) out.set(k, v);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (s[key] as unknown[]) ?? [])
      for (const [k, v] of declared(doc, sub, seen)) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

function itemsOf(doc: unknown, schema: unknown): unknown {
  const s = deref(doc, schema) as Schema | undefined;
  if (s?.items) return s.items;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const)
    for (const sub of (s?.[key] as unknown[]) ?? []) {
      const i = itemsOf(doc, sub);
      if (i) return i;
    }
  return undefined;
}

/** Fields present in `value` that no schema of its level declares. */
export function undeclaredFields(doc: unknown, schema: unknown, value: unknown, at = ''): string[] {
  if (Array.isArray(value)) {
    const items = itemsOf(doc, schema);
    return items ? value.flatMap((v, i) => undeclaredFields(doc, items, v, `${at}/${i}`)) : [];
  }
  if (!value || typeof value !== 'object') return [];
  const props = declared(doc, schema);
  if (!props.size) return []; // an open schema with nothing declared (response: unknown) says nothing
  return Object.entries(value).flatMap(([k, v]) =>
    props.has(k) ? undeclaredFields(doc, props.get(k), v, `${at}/${k}`) : [`${at}/${k}`],
  );
}

export function driftOf(args: {
  operation: string;
  doc: unknown;
  schema: unknown;
  status: number;
  body: unknown;
  errors: AjvError[];
}): Drift[] {
  const { operation, doc, schema, status, body, errors } = args;
  const drift: Drift[] = [];
  if (status !== 200)
    drift.push({ operation, kind: 'status', at: '', detail: `HTTP ${status}, the spec documents 200` });
  for (const e of errors) {
    if (e.keyword === 'required')
      drift.push({
        operation,
        kind: 'missing-required',
        at: `${e.instancePath}/${String(e.params.missingProperty)}`,
        detail: e.message ?? '',
      });
    else if (e.keyword === 'type')
      drift.push({ operation, kind: 'type-mismatch', at: e.instancePath, detail: e.message ?? '' });
    else if (e.keyword === 'enum' || e.keyword === 'const')
      drift.push({
        operation,
        kind: 'enum-mismatch',
        at: e.instancePath,
        detail: `${e.message ?? ''}: ${JSON.stringify(e.params.allowedValues ?? e.params.allowedValue)}`,
      });
    else if (!['anyOf', 'oneOf', 'allOf', 'if'].includes(e.keyword))
      drift.push({ operation, kind: 'schema', at: e.instancePath, detail: `${e.keyword}: ${e.message ?? ''}` });
  }
  for (const at of undeclaredFields(doc, schema, body))
    drift.push({ operation, kind: 'undeclared-field', at, detail: 'sent by the server, not declared in the spec' });
  return drift;
}
