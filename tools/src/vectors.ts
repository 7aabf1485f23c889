// Portable conformance vectors, one JSON file per operation, generated from the spec so they cannot
// drift from it: a valid request built from the spec's examples and what Prism must answer. Ports of
// the SDK replay them; the TypeScript conformance suite runs from them too.
import { join } from 'node:path';
import { staleIn, writeIn, type Rendered } from './outputs.ts';
import { isMain, ROOT, SPEC_ENTRY } from './locations.ts';
import { operationTable, type JobFamilyDescription } from './operation-table.ts';
import { bundle } from './redocly.ts';
import {
  deref,
  escapePointer as esc,
  needsAuth,
  operations,
  type OpenAPIDoc,
  type Operation,
  type Parameter,
  type Schema,
} from './openapi-document.ts';

export const VECTOR_DIR = join(ROOT, 'packages', 'conformance', 'vectors', 'operations');

export interface OperationVector {
  $schema: string;
  description: string;
  operation: string;
  tag: string;
  kind: string;
  request: {
    method: string;
    path: string;
    /** `path` with the parameters filled in and encoded. */
    url: string;
    pathParams: Record<string, unknown>;
    query: Record<string, unknown>;
    headers: Record<string, string>;
    body?: unknown;
    /** Whether the request carries `Authorization: Bearer <token>`. */
    auth: boolean;
  };
  expected: {
    status: number;
    /** JSON pointer to the 200 schema in the bundled spec (`@a2e-sdk/spec` openapi.json). */
    schema: string;
    /** The named 200 example Prism serves by default, and its value. */
    example: string;
    body: unknown;
  };
  negative: {
    /** A top-level required body field to drop: the mock must refuse the request (400/422). */
    missingBodyField?: string;
    /** Named 200 examples of job states that `Prefer: example=<name>` selects. */
    jobStates?: string[];
  };
  /** Input values no example gave, made up from the schema's type. */
  constructed?: string[];
  /** Where a flat client input goes: every declared parameter name by location, and whether a JSON body is declared. */
  input: { path: string[]; query: string[]; header: string[]; body: boolean };
  /** On a job family's status operation: how a waiter polls it and reads the outcome. */
  job?: JobFamilyDescription & { idField: string };
}

/** An example value for a parameter: its example, else its schema's example, default or first enum, else one by type. */
function valueFor(p: Parameter, constructed: string[]): unknown {
  const s = (p.schema ?? {}) as Schema & {
    examples?: unknown[];
    default?: unknown;
    enum?: unknown[];
    type?: unknown;
    minimum?: number;
  };
  if (p.example !== undefined) return p.example;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  constructed.push(`${p.in}.${p.name}`);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return false;
  return /(^|_)id$/i.test(p.name) ? '507f1f77bcf86cd799439011' : 'example';
}

function firstExample(
  doc: OpenAPIDoc,
  media: { examples?: Record<string, unknown>; example?: unknown } | undefined,
): [string, unknown] | undefined {
  if (!media) return undefined;
  const [name, ex] = Object.entries(media.examples ?? {})[0] ?? [];
  if (name) return [name, (deref(doc, ex) as { value?: unknown }).value];
  return media.example === undefined ? undefined : ['example', media.example];
}

export function vectorFor(
  doc: OpenAPIDoc,
  path: string,
  method: string,
  op: Operation,
  { table, families } = operationTable(doc),
): OperationVector {
  const constructed: string[] = [];
  const params = [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p));
  const pick = (where: string) =>
    Object.fromEntries(
      params
        .filter(
          (p) =>
            p.in === where &&
            (p.required || p.example !== undefined || (p.schema as { examples?: unknown[] })?.examples),
        )
        .map((p) => [p.name, valueFor(p, constructed)]),
    );
  const pathParams = pick('path');
  const query = pick('query');
  const headers = Object.fromEntries(
    params.filter((p) => p.in === 'header' && p.required).map((p) => [p.name, String(valueFor(p, constructed))]),
  );
  const bodyMedia = op.requestBody?.content?.['application/json'];
  const body = firstExample(doc, bodyMedia);
  const ok = op.responses?.['200']?.content?.['application/json'];
  const [exampleName, exampleValue] = firstExample(doc, ok) ?? ['', undefined];
  const bodySchema = deref(doc, bodyMedia?.schema) as { required?: string[] } | undefined;
  const required = bodySchema?.required?.filter(
    (f) => body && typeof body[1] === 'object' && body[1] !== null && f in (body[1] as object),
  );
  const jobStates = op['x-a2e-job-status']
    ? Object.keys(ok?.examples ?? {}).filter((n) => n !== 'nonZeroCode')
    : undefined;
  const status = op['x-a2e-job-status'] as { family: string } | undefined;
  const family = status && families[status.family];
  const url = path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(String(pathParams[n])));
  return {
    $schema: '../vector.schema.json',
    description: `${method.toUpperCase()} ${path}: ${op.summary ?? ''}`.trim(),
    operation: op.operationId!,
    tag: op.tags![0]!,
    kind: op['x-a2e-kind'] as string,
    request: {
      method: method.toUpperCase(),
      path,
      url,
      pathParams,
      query,
      headers,
      ...(body && { body: body[1] }),
      auth: needsAuth(op),
    },
    expected: {
      status: 200,
      schema: `#/paths/${esc(path)}/${method}/responses/200/content/application~1json/schema`,
      example: exampleName,
      body: exampleValue,
    },
    negative: {
      ...(required?.length && { missingBodyField: required[0] }),
      ...(jobStates && { jobStates }),
    },
    ...(constructed.length && { constructed }),
    input: { path: [], query: [], header: [], ...table[op.operationId!]!.params, body: table[op.operationId!]!.body },
    ...(family && { job: { ...family, idField: table[family.startOperations[0]!]?.jobStart?.idField ?? '_id' } }),
  };
}

export function renderVectors(doc = bundle(SPEC_ENTRY)): Rendered {
  const out: Rendered = new Map();
  const tables = operationTable(doc);
  for (const { path, method, op } of operations(doc))
    out.set(`${op.operationId}.json`, `${JSON.stringify(vectorFor(doc, path, method, op, tables), null, 2)}\n`);
  return out;
}

export const staleVectors = (doc?: OpenAPIDoc) => staleIn(VECTOR_DIR, renderVectors(doc), { exclusive: true });

if (isMain(import.meta.url)) {
  const rendered = renderVectors();
  writeIn(VECTOR_DIR, rendered, { exclusive: true });
  console.log(`generated packages/conformance/vectors/operations: ${rendered.size} operation vectors`);
}
