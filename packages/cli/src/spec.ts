// The bundled OpenAPI document of @a2e-sdk/spec, read once: the CLI takes flags, help text and examples
// from it, and the sandbox validates requests against it. Loaded from the installed package at run time,
// so a newer spec brings its operations without a new CLI build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Schema = Record<string, any>;
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Schema[];
  requestBody?: Schema;
  responses?: Record<string, Schema>;
  [k: string]: unknown;
}
export interface OpenAPIDoc {
  paths: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, Schema>>;
  [k: string]: unknown;
}

let cached: OpenAPIDoc | undefined;

/** The spec document; `A2E_SPEC_FILE` points at another bundled JSON (tests, a newer spec). */
export function loadSpec(): OpenAPIDoc {
  if (cached) return cached;
  const file = process.env.A2E_SPEC_FILE ?? createRequire(import.meta.url).resolve('@a2e-sdk/spec/openapi.json');
  return (cached = JSON.parse(readFileSync(file, 'utf8')) as OpenAPIDoc);
}

/** Follows local `$ref`s (`#/components/...`) to the node they name. */
export function deref<T = Schema>(doc: OpenAPIDoc, node: unknown): T {
  let cur: any = node;
  for (let hops = 0; cur && typeof cur.$ref === 'string' && cur.$ref.startsWith('#/') && hops < 32; hops++) {
    cur = (cur.$ref as string)
      .slice(2)
      .split('/')
      .reduce<any>((o, k) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return cur as T;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, by operationId, with the path-level parameters merged in. */
export function specOperations(doc: OpenAPIDoc = loadSpec()): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op?.operationId) continue;
      out.set(op.operationId, {
        ...op,
        method: method.toUpperCase(),
        path,
        parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p)),
      });
    }
  }
  return out;
}
