// The operation table and job families, read from the bundled spec: what codegen renders for the client
// and what the conformance vectors tell a port (kept apart from codegen so vectors need no openapi-typescript).
import type { JobStatus } from './rules.ts';
import { deref, needsAuth, operations, type OpenAPIDoc } from './openapi-document.ts';

export interface OperationEntry {
  method: string;
  path: string;
  tag: string;
  kind: string;
  auth: boolean;
  /** Parameter names by location, so a flat call input can be split into path, query, headers and body. */
  params: { path?: string[]; query?: string[]; header?: string[] };
  body: boolean;
  jobStart?: { family: string; idField: string };
  jobStatus?: string;
  paging?: Record<string, string>;
  /** Top-level body properties marked `x-a2e-media` (they take a media file's URL, or an array of them). */
  mediaFields?: string[];
  /** `x-a2e-invalidates`: the reads whose answers this write or paid call changes (see spec/CONVENTIONS.md). */
  invalidates?: string[];
  /** `x-a2e-privilege`: absent for an ordinary app operation (see spec/CONVENTIONS.md). */
  privilege?: 'account' | 'destructive';
}

/** Top-level properties of a request body marked `x-a2e-media`, through `$ref`s and `allOf`/`anyOf`/`oneOf`. */
function mediaFieldsOf(doc: OpenAPIDoc, schema: unknown, seen = new Set<unknown>()): string[] {
  const s = deref(doc, schema) as Record<string, any> | undefined;
  if (!s || typeof s !== 'object' || seen.has(s)) return [];
  seen.add(s);
  const own = Object.entries((s.properties ?? {}) as Record<string, unknown>)
    .filter(([, p]) => (deref(doc, p) as Record<string, unknown> | undefined)?.['x-a2e-media'] === true)
    .map(([name]) => name);
  const nested = ['allOf', 'anyOf', 'oneOf'].flatMap((k) =>
    ((s[k] ?? []) as unknown[]).flatMap((sub) => mediaFieldsOf(doc, sub, seen)),
  );
  return [...new Set([...own, ...nested])];
}
/** A job family's description, as the client's waiters need it; `idIn` says where the status operation takes
 * the id (`list`: the status call lists jobs and the waiter picks the row whose `matchField` is the id).
 * The family's name is the key it is stored under (see the glossary in spec/CONVENTIONS.md). */
export interface JobFamilyDescription extends JobStatus {
  statusOperation: string;
  idIn: 'path' | 'query' | 'body' | 'list';
  startOperations: string[];
}
/** @deprecated Renamed to `JobFamilyDescription`: in the client, `JobFamily` is a family's name. */
export type JobFamily = JobFamilyDescription;

export function operationTable(doc: OpenAPIDoc) {
  const table: Record<string, OperationEntry> = {};
  const families: Record<string, JobFamilyDescription> = {};
  for (const { path, method, op } of operations(doc)) {
    const id = op.operationId!;
    const start = op['x-a2e-job-start'] as OperationEntry['jobStart'];
    const status = op['x-a2e-job-status'] as JobStatus | undefined;
    const params: OperationEntry['params'] = {};
    for (const p of [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p))) {
      if (p.in === 'path' || p.in === 'query' || p.in === 'header') (params[p.in] ??= []).push(p.name);
    }
    table[id] = {
      method: method.toUpperCase(),
      path,
      tag: op.tags![0]!,
      kind: op['x-a2e-kind'] as string,
      auth: needsAuth(op),
      params,
      body: !!op.requestBody?.content?.['application/json'],
      ...(start && { jobStart: { family: start.family, idField: start.idField } }),
      ...(status && { jobStatus: status.family }),
      ...(op['x-a2e-paging'] ? { paging: op['x-a2e-paging'] as Record<string, string> } : {}),
      ...(op['x-a2e-invalidates'] ? { invalidates: op['x-a2e-invalidates'] as string[] } : {}),
      ...(op['x-a2e-privilege'] ? { privilege: op['x-a2e-privilege'] as 'account' | 'destructive' } : {}),
    };
    const media = mediaFieldsOf(doc, op.requestBody?.content?.['application/json']?.schema);
    if (media.length) table[id]!.mediaFields = media;
    if (status) {
      const param = [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])]
        .map((p) => deref(doc, p))
        .find((p) => p.name === status.idParam);
      const idIn = status.matchField ? 'list' : param ? (param.in as 'path' | 'query') : 'body';
      families[status.family] = { ...status, statusOperation: id, idIn, startOperations: [] };
    }
  }
  for (const [id, e] of Object.entries(table)) {
    if (!e.jobStart) continue;
    const f = (families[e.jobStart.family] ??= { startOperations: [] } as unknown as JobFamilyDescription);
    f.startOperations.push(id);
  }
  const servers = Object.fromEntries((doc.servers ?? []).map((s) => [s['x-a2e-server-name'] as string, s.url]));
  return { table, families, servers };
}
