// Loads the portable vectors and checks each file against vectors/vector.schema.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { OperationVector } from '@a2e-sdk/tools/vectors';
import type { Reply } from '@a2e-sdk/tools/scripted-server';

export type { OperationVector };
export interface BehaviourCase {
  description: string;
  comment?: string;
  client?: {
    apiKey?: string;
    maxRetries?: number;
    timeoutMs?: number;
    maxRetryAfterMs?: number;
    maxResponseBytes?: number;
  };
  action:
    | { call: string; input?: Record<string, unknown> }
    | { waitFor: string; id: string }
    | {
        paginate: string;
        input?: Record<string, unknown>;
        maxPages?: number;
        paging: { page: string; size: string; items: string; total?: string };
      };
  server: Reply[];
  expect: {
    requests?: number;
    requestUrls?: string[];
    data?: unknown;
    error?: { type: string; status?: number; code?: number | string; messageContains?: string; retryAfterMs?: number };
    neverEmitted?: string;
  };
}

export const VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));
const load = <T>(dir: string) =>
  readdirSync(join(VECTORS, dir))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file: `${dir}/${file}`,
      vector: JSON.parse(readFileSync(join(VECTORS, dir, file), 'utf8')) as T,
    }));

export const operationVectors = () => load<OperationVector>('operations');
export const behaviourCases = () => load<BehaviourCase>('behaviour');

/** Errors of one vector file against the vector schema, or null when it is valid. */
export function vectorSchemaErrors(): (vector: unknown) => string | null {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(join(VECTORS, 'vector.schema.json'), 'utf8')));
  return (vector) => (validate(vector) ? null : ajv.errorsText(validate.errors));
}
