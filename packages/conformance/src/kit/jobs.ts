// Job flows, where the target can drive a job to its end: start → pending → completed, and start → failed.
// Prism serves the status examples a `Prefer: example=<state>` header asks for; the CLI's sandbox ends a job
// on its control route. A2E itself cannot be driven (its jobs take minutes and cost credits), so there is no
// driver for it. The ids a flow creates are handed back so status reads use ids the target knows.
import { failureOf, fetchAnswer, send, type Answer } from './exchange.js';
import type { JobOfVector, OperationVector } from './load.js';

export type JobDriver = 'prism' | 'sandbox';

export interface JobFlowResult {
  family: string;
  name: string;
  passed: boolean;
  detail: string;
  ms: number;
  id?: string;
}

interface Ctx {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  byOperation: Map<string, OperationVector>;
}

const firstRow = (data: unknown) => (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined;
const dataOf = (a: Answer) => (a.json as { data?: unknown } | undefined)?.data;

/** The job's status in a status answer (for a family polled through a list, the row of `id`). */
function statusIn(job: JobOfVector, a: Answer, id: string): string | undefined {
  const data = dataOf(a);
  const row =
    job.idIn === 'list' && Array.isArray(data)
      ? (data as Record<string, unknown>[]).find((r) => r[job.matchField ?? job.idField] === id)
      : firstRow(data);
  const s = row?.[job.statusField];
  return typeof s === 'string' ? s : undefined;
}

async function start(
  ctx: Ctx,
  job: JobOfVector,
  status: OperationVector,
  headers: Record<string, string>,
): Promise<{ id?: string; why?: string }> {
  const starter = job.startOperations.map((o) => ctx.byOperation.get(o)).find(Boolean);
  if (!starter) return { why: 'no start operation vector' };
  const a = await send(starter, { baseUrl: ctx.baseUrl, apiKey: ctx.apiKey, timeoutMs: ctx.timeoutMs, headers });
  if (a.status !== 200) return { why: `${starter.operation} answered HTTP ${a.status}` };
  const id = firstRow(dataOf(a))?.[job.idField];
  if (typeof id === 'string') return { id };
  // The vectors' README: a start whose documented answer holds no id falls back to the status vector's own id.
  const fallback = job.idParam
    ? (status.request.pathParams[job.idParam] ??
      status.request.query[job.idParam] ??
      (status.request.body as Record<string, unknown> | undefined)?.[job.idParam])
    : undefined;
  return typeof fallback === 'string'
    ? { id: fallback }
    : { why: `${starter.operation}'s answer has no ${job.idField}` };
}

const poll = (ctx: Ctx, job: JobOfVector, status: OperationVector, id: string, headers: Record<string, string> = {}) =>
  send(status, {
    baseUrl: ctx.baseUrl,
    apiKey: ctx.apiKey,
    timeoutMs: ctx.timeoutMs,
    headers,
    ...(job.idParam && job.idIn !== 'list' && { values: { [job.idParam]: id } }),
  });

/** Polls until a terminal status, a bounded number of times, ending the job on the sandbox's control route. */
async function drive(
  ctx: Ctx,
  driver: JobDriver,
  job: JobOfVector,
  status: OperationVector,
  id: string,
  outcome: 'completed' | 'failed',
): Promise<string[]> {
  const seen: string[] = [];
  const states = driver === 'prism' ? ['processing', outcome] : [];
  for (let i = 0; i < 6; i++) {
    const headers: Record<string, string> =
      driver === 'prism' ? { prefer: `example=${states[Math.min(i, states.length - 1)]}` } : {};
    const a = await poll(ctx, job, status, id, headers);
    if (a.status !== 200) throw new Error(`${status.operation} answered HTTP ${a.status}`);
    const s = statusIn(job, a, id);
    seen.push(String(s));
    if (s === undefined || ![...job.pending, ...job.success, ...job.failure].includes(s))
      throw new Error(`status ${String(s)} is not one the job family declares`);
    if (job.success.includes(s) || job.failure.includes(s)) return seen;
    if (driver === 'sandbox') {
      const ended = await fetchAnswer(
        `${ctx.baseUrl.replace(/\/+$/, '')}/__sandbox/jobs/${encodeURIComponent(id)}/${outcome === 'completed' ? 'complete' : 'fail'}`,
        { method: 'POST' },
        ctx.timeoutMs,
      );
      if (ended.status !== 200) throw new Error(`the sandbox's control route answered HTTP ${ended.status}`);
    }
  }
  throw new Error(`no terminal status after 6 polls (${seen.join(' → ')})`);
}

export async function runJobFlows(
  ctx: Ctx,
  driver: JobDriver,
  statusVectors: OperationVector[],
): Promise<JobFlowResult[]> {
  const results: JobFlowResult[] = [];
  for (const status of statusVectors) {
    const job = status.job!;
    for (const outcome of ['completed', 'failed'] as const) {
      const t0 = Date.now();
      const name = `${job.family}: start → ${outcome}`;
      // The sandbox's jobs wait for the control route (started with jobDurationMs 0) or end on their own.
      const headers: Record<string, string> =
        driver === 'sandbox' ? { 'x-a2e-sandbox-outcome': outcome === 'completed' ? 'complete' : 'fail' } : {};
      try {
        const { id, why } = await start(ctx, job, status, headers);
        if (!id) {
          results.push({ family: job.family, name, passed: false, detail: why!, ms: Date.now() - t0 });
          continue;
        }
        const seen = await drive(ctx, driver, job, status, id, outcome);
        const last = seen.at(-1)!;
        const ok = (outcome === 'completed' ? job.success : job.failure).includes(last);
        results.push({
          family: job.family,
          name,
          passed: ok,
          detail: `statuses ${seen.join(' → ')}`,
          ms: Date.now() - t0,
          ...(ok && outcome === 'completed' && { id }),
        });
      } catch (error) {
        results.push({
          family: job.family,
          name,
          passed: false,
          detail: error instanceof Error && !(error as { cause?: unknown }).cause ? error.message : failureOf(error),
          ms: Date.now() - t0,
        });
      }
    }
  }
  return results;
}
