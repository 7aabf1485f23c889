// The slice of OpenAPI 3.1 the tools read (everything else passes through untyped) and the helpers that walk it.
export type Json = unknown;
export interface Schema {
  [k: string]: Json;
}
export interface MediaType {
  schema?: Schema;
  example?: Json;
  examples?: Record<string, { $ref?: string; value?: Json; [k: string]: Json }>;
}
export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
  example?: Json;
  $ref?: string;
}
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType>; $ref?: string };
  responses?: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
  security?: Record<string, string[]>[];
  deprecated?: boolean;
  [ext: `x-${string}`]: Json;
}
export type PathItem = Partial<Record<HttpMethod, Operation>> & { parameters?: Parameter[]; $ref?: string };
export const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof METHODS)[number];
export interface OpenAPIDoc {
  openapi: string;
  paths: Record<string, PathItem>;
  components?: Record<string, Record<string, Json>>;
  tags?: { name: string; [k: string]: Json }[];
  servers?: { url: string; [k: string]: Json }[];
  [k: string]: Json;
}

/** Every (path, method, operation) of a document, in document order. */
export function* operations(doc: OpenAPIDoc): Generator<{ path: string; method: HttpMethod; op: Operation }> {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) yield { path, method, op };
    }
  }
}

/** One JSON-pointer token: `/api/v1/x` → `~1api~1v1~1x` (RFC 6901). */
export const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** Follows local `$ref`s (`#/components/...`) against the document `doc`. */
export function deref<T>(doc: unknown, node: T): T {
  let cur: any = node;
  while (cur && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/')) {
    cur = (cur.$ref as string)
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return cur as T;
}

/** Whether a call needs a token: no `security: []` and no anonymous `{}` alternative. */
export const needsAuth = (op: Operation) =>
  !(op.security && (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0)));
