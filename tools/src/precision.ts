// Our requests must be at least as precise as A2E's own description: every parameter and body property
// it declares is declared here, and every field it requires (schema or "Required fields:" prose) is
// required here — directly, or in a branch of an anyOf/oneOf that encodes an either-or rule — and every
// call it marks as starting a job belongs to a job family here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from './locations.ts';
import { deref, operations, type OpenAPIDoc, type Parameter, type Schema } from './openapi-document.ts';

export interface OfficialOp {
  method: string;
  path: string;
  a2e_operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  prose_required_fields?: string[];
  async_job?: boolean;
}

interface Fields {
  props: Set<string>;
  required: Set<string>;
  eitherOr: Set<string>;
}

/** Properties of an object schema, through allOf (all) and anyOf/oneOf (either-or requirements). */
function fields(root: unknown, schema: unknown): Fields {
  const s = deref(root, schema as any);
  const out: Fields = {
    props: new Set(Object.keys(s?.properties ?? {})),
    required: new Set(s?.required ?? []),
    eitherOr: new Set(),
  };
  for (const sub of s?.allOf ?? []) {
    const f = fields(root, sub);
    f.props.forEach((k) => out.props.add(k));
    f.required.forEach((k) => out.required.add(k));
    f.eitherOr.forEach((k) => out.eitherOr.add(k));
  }
  for (const sub of [...(s?.anyOf ?? []), ...(s?.oneOf ?? [])]) {
    const f = fields(root, sub);
    f.props.forEach((k) => out.props.add(k));
    f.required.forEach((k) => out.eitherOr.add(k));
  }
  return out;
}

export function precisionGaps(doc: OpenAPIDoc, official: OfficialOp[]): { checked: number; gaps: string[] } {
  const officialSchemas = {
    components: { schemas: JSON.parse(readFileSync(join(SHARED_DIR, 'a2e-official', 'schemas.json'), 'utf8')) },
  };
  const ours = new Map([...operations(doc)].map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));
  const gaps: string[] = [];
  let checked = 0;
  for (const off of official) {
    const key = `${off.method} ${off.path}`;
    const mine = ours.get(key);
    if (!mine) continue;
    const gap = (what: string) => gaps.push(`${key}: ${what}`);
    checked++;
    if (off.async_job && !mine.op['x-a2e-job-start'])
      gap('A2E marks it as starting a job, but it has no x-a2e-job-start');
    const params = new Map(
      [...(doc.paths[mine.path]?.parameters ?? []), ...(mine.op.parameters ?? [])]
        .map((p) => deref(doc, p))
        .map((p) => [`${p.in}:${p.name}`, p]),
    );
    for (const p of off.parameters ?? []) {
      checked++;
      const q = params.get(`${p.in}:${p.name}`);
      if (!q) gap(`${p.in} parameter ${p.name} is not declared`);
      else if (p.required && !q.required) gap(`${p.in} parameter ${p.name} is not required`);
    }
    const theirs = fields(officialSchemas, off.requestBody?.content?.['application/json']?.schema);
    const body = fields(doc, mine.op.requestBody?.content?.['application/json']?.schema);
    for (const k of theirs.props) {
      checked++;
      if (!body.props.has(k)) gap(`body property ${k} is not declared`);
    }
    for (const k of new Set([...theirs.required, ...(off.prose_required_fields ?? [])])) {
      checked++;
      if (
        !body.required.has(k) &&
        !body.eitherOr.has(k) &&
        !params.get(`query:${k}`)?.required &&
        !params.has(`path:${k}`)
      )
        gap(`${k} is required by A2E but not here`);
    }
  }
  return { checked, gaps };
}
