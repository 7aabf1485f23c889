// The operation table and job families, read from the bundled spec: what codegen renders for the client
// and what the conformance vectors tell a port (kept apart from codegen so vectors need no openapi-typescript).
import type { JobStatus } from './rules.ts';
import { deref, needsAuth, operations, type OpenAPIDoc } from './types.ts';

export interface OperationEntry {
  method: string; path: string; tag: string; kind: string; auth: boolean;
  /** Parameter names by location, so a flat call input can be split into path, query, headers and body. */
  params: { path?: string[]; query?: string[]; header?: string[] }; body: boolean;
  jobStart?: { family: string; idField: string }; jobStatus?: string; paging?: Record<string, string>;
  /** `x-a2e-privilege`: absent for an ordinary app operation (see spec/CONVENTIONS.md). */
  privilege?: 'account' | 'destructive';
}
/** A job family as the client's waiters need it; `idIn` says where the status operation takes the id
 * (`list`: the status call lists jobs and the waiter picks the row whose `matchField` is the id). */
export interface JobFamily extends JobStatus { statusOperation: string; idIn: 'path' | 'query' | 'body' | 'list'; startOperations: string[] }

export function operationTable(doc: OpenAPIDoc) {
  const table: Record<string, OperationEntry> = {};
  const families: Record<string, JobFamily> = {};
  for (const { path, method, op } of operations(doc)) {
    const id = op.operationId!;
    const start = op['x-a2e-job-start'] as OperationEntry['jobStart'];
    const status = op['x-a2e-job-status'] as JobStatus | undefined;
    const params: OperationEntry['params'] = {};
    for (const p of [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p))) {
      if (p.in === 'path' || p.in === 'query' || p.in === 'header') (params[p.in] ??= []).push(p.name);
    }
    table[id] = {
      method: method.toUpperCase(), path, tag: op.tags![0]!, kind: op['x-a2e-kind'] as string,
      auth: needsAuth(op),
      params, body: !!op.requestBody?.content?.['application/json'],
      ...(start && { jobStart: { family: start.family, idField: start.idField } }),
      ...(status && { jobStatus: status.family }),
      ...(op['x-a2e-paging'] ? { paging: op['x-a2e-paging'] as Record<string, string> } : {}),
      ...(op['x-a2e-privilege'] ? { privilege: op['x-a2e-privilege'] as 'account' | 'destructive' } : {}),
    };
    if (status) {
      const param = [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p)).find((p) => p.name === status.idParam);
      const idIn = status.matchField ? 'list' : param ? (param.in as 'path' | 'query') : 'body';
      families[status.family] = { ...status, statusOperation: id, idIn, startOperations: [] };
    }
  }
  for (const [id, e] of Object.entries(table)) {
    if (!e.jobStart) continue;
    const f = (families[e.jobStart.family] ??= { startOperations: [] } as unknown as JobFamily);
    f.startOperations.push(id);
  }
  const servers = Object.fromEntries((doc.servers ?? []).map((s) => [s['x-a2e-server-name'] as string, s.url]));
  return { table, families, servers };
}
