// `runConformance()`: every selected operation vector sent to a server, each answer checked against the spec
// (status, envelope, schema, undeclared fields), the negative cases a real server can answer, and the job
// flows where a driver can move jobs along. Reads only unless writes are allowed and confirmed.
import { deref, driftOf, type Drift } from '../drift.js';
import { failureOf, send, type Answer } from './exchange.js';
import { runJobFlows, type JobDriver } from './jobs.js';
import { loadSpec, loadVectors, type OperationVector } from './load.js';
import { schemaValidator } from './validate.js';

export interface ConformanceOptions {
  /** Any A2E-shaped server: Prism, the CLI's sandbox, a gateway, A2E itself. */
  baseUrl: string;
  /** Sent as a bearer token; never printed or written (every report is scrubbed of it). */
  apiKey: string;
  /** Run operations that write or spend, and the job flows. Needs `confirm`. */
  allowWrites?: boolean;
  /** Must equal the base URL's `host:port` for writes to run: a typed confirmation of the target. */
  confirm?: string;
  /** Only these operationIds / tags (both given: an operation must match both). */
  operations?: string[];
  tags?: string[];
  /** How job flows are driven to their end; none: no job flows. */
  jobDriver?: JobDriver;
  /** Per exchange, headers and body. Default 30 000 ms. */
  timeoutMs?: number;
  /** Default true. */
  negatives?: boolean;
  /** Another vectors folder (`operations/` inside it) or bundled spec than the installed `@a2e-sdk/spec`'s. */
  vectorsDir?: string;
  specFile?: string;
}

export type CaseOutcome = 'passed' | 'drift' | 'skipped';
export interface CaseResult {
  suite: 'operations' | 'negative' | 'jobs';
  name: string;
  operation: string;
  tag: string;
  outcome: CaseOutcome;
  status: number | null;
  ms: number;
  detail?: string;
}

export interface ConformanceReport {
  baseUrl: string;
  date: string;
  /** Whether operations that write or spend were run. */
  write: boolean;
  jobDriver: JobDriver | null;
  summary: {
    operations: number;
    exercised: number;
    drift: number;
    skipped: number;
    negatives: number;
    jobFlows: number;
  };
  /** One row per selected operation (as the earlier live drift report). */
  operations: { operation: string; status: number | null; drift: number }[];
  drift: Drift[];
  cases: CaseResult[];
  /** Set when the server could not be reached, at the start (nothing ran) or later (3 calls in a row got no answer). */
  unreachable?: string;
  /** Set when every call with the key was refused as unauthenticated. */
  authRefused?: boolean;
}

/** Calls in a row without any answer after which the run stops as unreachable. */
const MAX_FAILURES_IN_ROW = 3;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit codes of `a2e-conformance`, also for programmatic callers. */
export const EXIT = { ok: 0, drift: 1, usage: 2, unreachable: 3, auth: 4 } as const;

export function exitCodeOf(report: ConformanceReport): number {
  if (report.unreachable) return EXIT.unreachable;
  if (report.authRefused) return EXIT.auth;
  return report.drift.length ? EXIT.drift : EXIT.ok;
}

/** The base URL without user info, so a report never carries credentials written into the URL. */
function publicUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
}

function select(vectors: OperationVector[], o: ConformanceOptions): OperationVector[] {
  const ops = o.operations?.length ? new Set(o.operations) : null;
  const tags = o.tags?.length ? new Set(o.tags) : null;
  const known = new Set(vectors.map((v) => v.operation));
  const unknown = [...(ops ?? [])].filter((x) => !known.has(x));
  if (unknown.length) throw new UsageError(`unknown operation(s): ${unknown.join(', ')}`);
  const picked = vectors.filter((v) => (!ops || ops.has(v.operation)) && (!tags || tags.has(v.tag)));
  if (!picked.length) throw new UsageError('the filters select no operation');
  return picked;
}

const isRefusal = (a: Answer) =>
  [400, 401, 403, 422].includes(a.status) ||
  (a.status === 200 &&
    typeof (a.json as { code?: unknown })?.code === 'number' &&
    (a.json as { code: number }).code !== 0);
const unauthenticated = (a: Answer) =>
  a.status === 401 || (a.status === 200 && (a.json as { code?: unknown })?.code === 401);

/** Replaces every occurrence of the key in the report's strings (a server could echo it back). */
function scrub<T>(value: T, key: string): T {
  if (!key) return value;
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === 'string' ? v.split(key).join('[redacted]') : v)),
  ) as T;
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const o = { timeoutMs: 30_000, negatives: true, ...options };
  let base: URL;
  try {
    base = new URL(o.baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: ${o.baseUrl}`);
  }
  if (!/^https?:$/.test(base.protocol)) throw new UsageError('--base-url must be http or https');
  if (!o.apiKey) throw new UsageError('no API key: set A2E_API_KEY (any value for a mock)');
  if (o.allowWrites && o.confirm !== base.host) {
    throw new UsageError(`writes need the typed confirmation --confirm ${base.host} (the host:port of --base-url)`);
  }
  if (o.jobDriver && !['prism', 'sandbox'].includes(o.jobDriver))
    throw new UsageError(`--job-driver must be prism or sandbox`);
  if (o.jobDriver && !o.allowWrites)
    throw new UsageError('job flows start jobs, which write: add --allow-writes --confirm <host:port>');

  const all = loadVectors(o.vectorsDir);
  const selected = select(all, o);
  const doc = loadSpec(o.specFile);
  const validate = schemaValidator(doc);
  const write = Boolean(o.allowWrites);
  const report: ConformanceReport = {
    baseUrl: publicUrl(o.baseUrl),
    date: new Date().toISOString(),
    write,
    jobDriver: o.jobDriver ?? null,
    summary: { operations: selected.length, exercised: 0, drift: 0, skipped: 0, negatives: 0, jobFlows: 0 },
    operations: [],
    drift: [],
    cases: [],
  };
  const finish = () => {
    report.summary.drift = report.drift.length;
    report.summary.skipped = report.cases.filter((c) => c.outcome === 'skipped').length;
    return scrub(report, o.apiKey);
  };

  // One probe first: a target that does not answer ends the run within one timeout, not one per operation.
  try {
    await fetch(o.baseUrl, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(o.timeoutMs) }).then((r) =>
      r.body?.cancel(),
    );
  } catch (error) {
    report.unreachable = `${report.baseUrl}: ${failureOf(error)}`;
    return finish();
  }

  const ctx = { baseUrl: o.baseUrl, apiKey: o.apiKey, timeoutMs: o.timeoutMs };
  const byOperation = new Map(all.map((v) => [v.operation, v]));
  const idsByFamily = new Map<string, string>();

  if (o.jobDriver) {
    const statusVectors = selected.filter((v) => v.job && v.job.statusOperation === v.operation);
    for (const r of await runJobFlows({ ...ctx, byOperation }, o.jobDriver, statusVectors)) {
      const v = byOperation.get(statusVectors.find((s) => s.job!.family === r.family)!.operation)!;
      report.cases.push({
        suite: 'jobs',
        name: r.name,
        operation: v.operation,
        tag: v.tag,
        outcome: r.passed ? 'passed' : 'drift',
        status: null,
        ms: r.ms,
        detail: r.detail,
      });
      if (!r.passed)
        report.drift.push({ operation: v.operation, kind: 'job', at: '', detail: `${r.name}: ${r.detail}` });
      if (r.id) idsByFamily.set(r.family, r.id);
    }
    report.summary.jobFlows = report.cases.filter((c) => c.suite === 'jobs').length;
  }

  let withKey = 0;
  let refusedKey = 0;
  let failedInRow = 0;
  for (const v of selected) {
    const base = { suite: 'operations' as const, name: v.operation, operation: v.operation, tag: v.tag };
    if (v.kind !== 'read' && !write) {
      report.cases.push({
        ...base,
        outcome: 'skipped',
        status: null,
        ms: 0,
        detail: `${v.kind}: runs only with --allow-writes`,
      });
      continue;
    }
    const job = v.job && v.job.statusOperation === v.operation && v.job.idIn !== 'list' ? v.job : undefined;
    const created = job ? idsByFamily.get(job.family) : undefined;
    const values = created && job?.idParam ? { [job.idParam]: created } : undefined;
    let answer: Answer;
    try {
      answer = await send(v, { ...ctx, ...(values && { values }) });
    } catch (error) {
      const detail = failureOf(error);
      report.drift.push({ operation: v.operation, kind: 'request-failed', at: '', detail });
      report.operations.push({ operation: v.operation, status: null, drift: 1 });
      report.cases.push({ ...base, outcome: 'drift', status: null, ms: 0, detail });
      // A server that answered the probe but then stops answering would cost one timeout per operation.
      if (++failedInRow >= MAX_FAILURES_IN_ROW) {
        report.unreachable = `${report.baseUrl}: ${failedInRow} calls in a row got no answer (${detail}); the rest were not sent`;
        return finish();
      }
      continue;
    }
    failedInRow = 0;
    if (v.request.auth) {
      withKey++;
      if (unauthenticated(answer)) refusedKey++;
    }
    // A status read with the vector's example id asks about a job the target never had: a 404 then is
    // the right answer, not drift. Job flows (--job-driver) give it an id the target created.
    if (job && !created && answer.status === 404) {
      report.cases.push({
        ...base,
        outcome: 'skipped',
        status: 404,
        ms: answer.ms,
        detail: 'the example id is unknown to the target; run the job flows to use one it created',
      });
      continue;
    }
    // Inputs the spec gives no example for were made up from their type (`constructed`): a real server may
    // refuse them, and that refusal says nothing about the spec (the vectors' README).
    const code = (answer.json as { code?: unknown } | undefined)?.code;
    if (
      v.constructed?.length &&
      ([400, 404, 422].includes(answer.status) ||
        (answer.status === 200 && typeof code === 'number' && code !== 0 && code !== 401))
    ) {
      report.cases.push({
        ...base,
        outcome: 'skipped',
        status: answer.status,
        ms: answer.ms,
        detail: `refused the made-up input ${v.constructed.join(', ')}`,
      });
      continue;
    }
    const found: Drift[] = [];
    if (answer.status === 200) {
      const env = answer.json as { code?: unknown } | undefined;
      if (!env || typeof env !== 'object' || Array.isArray(env))
        found.push({
          operation: v.operation,
          kind: 'envelope',
          at: '',
          detail: `HTTP 200 without a JSON object body (${answer.headers.get('content-type') ?? 'no content-type'})`,
        });
      else if (env.code !== 0)
        found.push({
          operation: v.operation,
          kind: 'envelope',
          at: '/code',
          detail: `code ${JSON.stringify(env.code)} under HTTP 200: the server refused the call`,
        });
    }
    if (!found.length) {
      found.push(
        ...driftOf({
          operation: v.operation,
          doc,
          schema: deref(doc, { $ref: v.expected.schema }),
          status: answer.status,
          body: answer.json,
          errors: answer.status === 200 ? validate(v.expected.schema, answer.json) : [],
        }),
      );
    }
    report.drift.push(...found);
    report.operations.push({ operation: v.operation, status: answer.status, drift: found.length });
    report.summary.exercised++;
    report.cases.push({
      ...base,
      outcome: found.length ? 'drift' : 'passed',
      status: answer.status,
      ms: answer.ms,
      ...(found.length && { detail: found.map((d) => `${d.kind} ${d.at} ${d.detail}`.trim()).join('\n') }),
    });
  }
  if (withKey > 0 && refusedKey === withKey) {
    report.authRefused = true;
    return finish();
  }

  if (o.negatives) {
    for (const v of selected.filter((x) => x.kind === 'read' || write)) {
      const cases: { name: string; dropAuth?: boolean; dropField?: string }[] = [];
      if (v.request.auth) cases.push({ name: `${v.operation} without a token is refused`, dropAuth: true });
      if (v.negative.missingBodyField)
        cases.push({
          name: `${v.operation} without required field ${v.negative.missingBodyField} is refused`,
          dropField: v.negative.missingBodyField,
        });
      for (const c of cases) {
        const row = { suite: 'negative' as const, name: c.name, operation: v.operation, tag: v.tag };
        try {
          const a = await send(v, {
            ...ctx,
            apiKey: c.dropAuth ? null : o.apiKey,
            ...(c.dropField && { dropField: c.dropField }),
          });
          const ok = c.dropAuth ? unauthenticated(a) || a.status === 403 : isRefusal(a);
          report.cases.push({
            ...row,
            outcome: ok ? 'passed' : 'drift',
            status: a.status,
            ms: a.ms,
            ...(!ok && { detail: `answered HTTP ${a.status}` }),
          });
          if (!ok)
            report.drift.push({
              operation: v.operation,
              kind: 'negative',
              at: c.dropField ? `/${c.dropField}` : '',
              detail: `${c.name.slice(v.operation.length + 1)}: answered HTTP ${a.status}`,
            });
        } catch (error) {
          report.cases.push({ ...row, outcome: 'drift', status: null, ms: 0, detail: failureOf(error) });
          report.drift.push({
            operation: v.operation,
            kind: 'request-failed',
            at: '',
            detail: `${c.name}: ${failureOf(error)}`,
          });
        }
      }
    }
    report.summary.negatives = report.cases.filter((c) => c.suite === 'negative').length;
  }
  return finish();
}
