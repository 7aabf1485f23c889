// Input schemas of the tools, taken from the bundled spec (@a2e-sdk/spec) rather than written by hand:
// one flat object per operation (path and query parameters beside the body fields), the same shape the
// client's `a2e.call(operationId, input)` takes. `$ref`s are inlined so each schema stands alone.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Schema = Record<string, unknown>;
interface OpenAPIDoc {
  paths: Record<string, Record<string, any>>;
  [k: string]: unknown;
}

export interface SpecOperation {
  operationId: string;
  summary: string;
  description: string;
  inputSchema: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Deep enough for every body of the spec; a cycle stops here instead of looping. */
const MAX_DEPTH = 12;

function resolve(doc: OpenAPIDoc, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

/** Copies a schema with local `$ref`s inlined and our `x-` annotations and examples dropped (agents need neither). */
function inline(doc: OpenAPIDoc, node: unknown, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(doc, n, depth));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#/')) {
    if (depth >= MAX_DEPTH) return {};
    const { $ref, ...rest } = obj;
    return inline(doc, { ...(resolve(doc, $ref) as Schema), ...rest }, depth + 1);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k.startsWith('x-') || k === 'example' || k === 'examples') continue;
    out[k] =
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, inline(doc, s, depth)]))
        : inline(doc, v, depth);
  }
  return out;
}

function inputSchemaOf(doc: OpenAPIDoc, op: any, pathParams: any[]): Schema {
  const properties: Schema = {};
  const required: string[] = [];
  for (const raw of [...pathParams, ...(op.parameters ?? [])]) {
    const p = inline(doc, raw) as Schema;
    // Headers (e.g. x-lang) are not part of the client's flat input.
    if (p.in !== 'path' && p.in !== 'query') continue;
    const schema = { ...((p.schema as Schema | undefined) ?? {}) };
    if (typeof p.description === 'string' && !schema.description) schema.description = p.description;
    properties[p.name as string] = schema;
    if (p.required) required.push(p.name as string);
  }
  const body = inline(doc, op.requestBody?.content?.['application/json']?.schema) as Schema | undefined;
  if (body?.properties) {
    Object.assign(properties, body.properties);
    for (const name of (body.required as string[] | undefined) ?? []) if (!required.includes(name)) required.push(name);
  }
  return { type: 'object', properties, ...(required.length && { required }) };
}

let cached: Map<string, SpecOperation> | undefined;

/** Every operation of the bundled spec by id; `A2E_SPEC_FILE` points at another bundled JSON. */
export function specOperations(): Map<string, SpecOperation> {
  if (cached) return cached;
  const file = process.env.A2E_SPEC_FILE ?? createRequire(import.meta.url).resolve('@a2e-sdk/spec/openapi.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenAPIDoc;
  const out = new Map<string, SpecOperation>();
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      out.set(op.operationId, {
        operationId: op.operationId,
        summary: op.summary ?? '',
        description: op.description ?? '',
        inputSchema: inputSchemaOf(doc, op, item.parameters ?? []),
      });
    }
  }
  return (cached = out);
}
