// Lookups derived once from the generated runtime table, shared by the call path, the raw client,
// the budget guard and the webhook fields.
import { api, jobs } from '../generated/api.gen.js';
import type { OperationKind } from '../core/retry.js';

export type Entry = readonly [method: string, path: string, kind: OperationKind, query?: readonly string[] | null, sendsBody?: boolean];

/** operationId → its table entry, across tags. */
export const entries: ReadonlyMap<string, Entry> = new Map(Object.values(api).flatMap((ops) => Object.entries(ops as Record<string, Entry>)));

/** Job-start operationId → its job family. */
export const familyOfStart: ReadonlyMap<string, string> = new Map(
  Object.entries(jobs).flatMap(([family, f]) => (f.startOperations as readonly string[]).map((op) => [op, family] as const)),
);
