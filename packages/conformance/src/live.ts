// Live mode: the operation vectors that only read (and, with A2E_LIVE_WRITE=1, the others) sent to a
// real server through the client; every answer validated against the spec and every difference
// collected in a drift report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { APIError, createA2EClient, type OperationId } from '@a2e-sdk/client';
import { createSchemaValidator, deref, type OpenAPIDoc } from '@a2e-sdk/tools/spec';
import { driftOf, type Drift } from './drift.js';
import type { OperationVector } from './vectors.js';

export interface LiveReport {
  baseUrl: string;
  date: string;
  write: boolean;
  operations: { operation: string; status: number | null; drift: number }[];
  drift: Drift[];
}

/** Reads that need no id from an earlier answer: lists, balances, languages, voices, avatars. */
export const isLiveRead = (v: OperationVector) => v.kind === 'read' && Object.keys(v.request.pathParams).length === 0;

export async function runLive(opts: { baseUrl: string; apiKey: string; doc: OpenAPIDoc; vectors: OperationVector[]; write?: boolean; reportPath?: string }): Promise<LiveReport> {
  const { baseUrl, apiKey, doc, vectors, write = false } = opts;
  const client = createA2EClient({ baseUrl, apiKey, maxRetries: 1, timeoutMs: 30_000 });
  const validate = createSchemaValidator(doc);
  const report: LiveReport = { baseUrl, date: new Date().toISOString(), write, operations: [], drift: [] };
  for (const v of vectors.filter((x) => write || isLiveRead(x))) {
    const input = { ...v.request.pathParams, ...v.request.query, ...(v.request.body as object) };
    let status: number | null = null;
    let body: unknown;
    try {
      const r = await client.call(v.operation as OperationId, input as never, { headers: v.request.headers });
      status = r.response.status;
      body = r.body;
    } catch (error) {
      if (error instanceof APIError) { status = error.status; body = error.body; }
      else report.drift.push({ operation: v.operation, kind: 'request-failed', at: '', detail: String((error as Error).message) });
    }
    const found = status === null ? [] : driftOf({
      operation: v.operation, doc, schema: deref(doc, { $ref: v.expected.schema }), status, body,
      errors: status === 200 ? validate(v.expected.schema.slice(1), body) : [],
    });
    report.drift.push(...found);
    report.operations.push({ operation: v.operation, status, drift: found.length });
  }
  if (opts.reportPath) {
    mkdirSync(dirname(opts.reportPath), { recursive: true });
    writeFileSync(opts.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}
