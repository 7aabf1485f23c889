// The inputs of one operation as command-line flags: path, query and header parameters and the top-level
// properties of its JSON body, with type, enum, default, required mark and description from the spec.
import { deref, type OpenAPIDoc, type Operation, type Schema } from './spec.js';
import { kebab } from './names.js';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'any';

export interface Field {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  type: FieldType;
  /** Type of an array's items, where the array holds scalars. */
  itemType?: FieldType;
  enum?: unknown[];
  default?: unknown;
  required: boolean;
  description?: string;
  /** Takes a media file's URL (`x-a2e-media`): a local path is uploaded first. */
  media: boolean;
  flag: string;
}

function typeOf(doc: OpenAPIDoc, schema: Schema | undefined): FieldType {
  const s = deref(doc, schema);
  if (!s) return 'any';
  const t = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  if (t) return t as FieldType;
  if (s.enum?.length)
    return typeof s.enum[0] === 'number' ? 'number' : typeof s.enum[0] === 'boolean' ? 'boolean' : 'string';
  for (const k of ['allOf', 'anyOf', 'oneOf'])
    for (const sub of s[k] ?? []) {
      const found = typeOf(doc, sub);
      if (found !== 'any') return found;
    }
  return 'any';
}

/** Top-level properties of a body schema, through `$ref` and `allOf`/`anyOf`/`oneOf` (first seen wins). */
function bodyProperties(
  doc: OpenAPIDoc,
  schema: unknown,
  required: Set<string>,
  seen = new Set<unknown>(),
): Map<string, Schema> {
  const out = new Map<string, Schema>();
  const s = deref(doc, schema);
  if (!s || typeof s !== 'object' || seen.has(s)) return out;
  seen.add(s);
  for (const r of s.required ?? []) required.add(r);
  for (const [name, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) out.set(name, deref(doc, p));
  // Required marks only count from the schema itself and its allOf parts; anyOf/oneOf ones are alternatives.
  for (const sub of s.allOf ?? [])
    for (const [n, p] of bodyProperties(doc, sub, required, seen)) if (!out.has(n)) out.set(n, p);
  for (const k of ['anyOf', 'oneOf'])
    for (const sub of s[k] ?? []) {
      for (const [n, p] of bodyProperties(doc, sub, new Set(), seen))
        if (!out.has(n) && (p.type || p.description || p.$ref)) out.set(n, p);
    }
  return out;
}

const clean = (text: unknown) => (typeof text === 'string' ? text.replace(/\s+/g, ' ').trim() : undefined);

export function fieldsOf(doc: OpenAPIDoc, op: Operation): Field[] {
  const fields: Field[] = [];
  for (const p of op.parameters ?? []) {
    if (!['path', 'query', 'header'].includes(p.in)) continue;
    const s = deref(doc, p.schema) ?? {};
    fields.push({
      name: p.name,
      in: p.in,
      type: typeOf(doc, s),
      enum: s.enum,
      default: s.default,
      required: !!p.required,
      description: clean(p.description ?? s.description),
      media: false,
      flag: kebab(p.name),
    });
  }
  const body = deref(doc, op.requestBody)?.content?.['application/json']?.schema;
  if (body) {
    const required = new Set<string>();
    for (const [name, s] of bodyProperties(doc, body, required)) {
      const type = typeOf(doc, s);
      const items = type === 'array' ? typeOf(doc, deref(doc, s.items)) : undefined;
      fields.push({
        name,
        in: 'body',
        type,
        ...(items && items !== 'object' && items !== 'array' && { itemType: items }),
        enum: s.enum ?? (type === 'array' ? deref(doc, s.items)?.enum : undefined),
        default: s.default,
        required: required.has(name),
        description: clean(s.description),
        media: s['x-a2e-media'] === true,
        flag: kebab(name),
      });
    }
  }
  // Two fields that kebab-case to one flag (`_id` and `id`) keep their own names as flags.
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.flag, (counts.get(f.flag) ?? 0) + 1);
  for (const f of fields)
    if (counts.get(f.flag)! > 1) f.flag = f.name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+/, 'x-');
  return fields;
}
