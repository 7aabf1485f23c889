// Lookups derived once from the generated runtime table, shared by the client's `call`, the raw client,
// the quote and the webhook fields. The pipeline itself never reads it (it is handed each route).
import { api, jobs } from '../generated/api.gen.js';
import type { Route } from '../core/call.js';

/** operationId → its route, across tags. */
// Each map is built inside a pure IIFE: a bundle that uses one of them (or neither) drops the other
// along with the table it reads.
export const entries: ReadonlyMap<string, Route> = /* @__PURE__ */ (() =>
  new Map(Object.values(api).flatMap((ops) => Object.entries(ops as Record<string, Route>))))();

/** Job-start operationId → its job family. */
export const familyOfStart: ReadonlyMap<string, string> = /* @__PURE__ */ (() =>
  new Map(
    Object.entries(jobs).flatMap(([family, f]) =>
      (f.startOperations as readonly string[]).map((op) => [op, family] as const),
    ),
  ))();
