// What the kit runs from: the operation vectors and the bundled spec as `@a2e-sdk/spec` ships them, so the
// installed kit tests against the spec version it was installed with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specFiles } from '@a2e-sdk/spec';

/** One operation vector (the shape `vector.schema.json` describes; only what the kit reads). */
export interface OperationVector {
  description: string;
  operation: string;
  tag: string;
  kind: 'read' | 'write' | 'paid' | string;
  request: {
    method: string;
    path: string;
    url: string;
    pathParams: Record<string, unknown>;
    query: Record<string, unknown>;
    headers: Record<string, string>;
    body?: unknown;
    auth: boolean;
  };
  expected: { status: number; schema: string; example: string; body: unknown };
  negative: { missingBodyField?: string; jobStates?: string[] };
  constructed?: string[];
  input: { path: string[]; query: string[]; header: string[]; body: boolean };
  job?: JobOfVector;
}

export interface JobOfVector {
  family: string;
  idParam?: string;
  idIn: string;
  matchField?: string;
  statusField: string;
  pending: string[];
  success: string[];
  failure: string[];
  messageFields?: string[];
  statusOperation: string;
  startOperations: string[];
  idField: string;
}

export function loadVectors(dir: string = join(specFiles.vectors, 'operations')): OperationVector[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as OperationVector);
}

export const loadSpec = (file: string = specFiles.openapiJson): Record<string, unknown> =>
  JSON.parse(readFileSync(file, 'utf8'));
