// The job tracker: every waiter of a client (waitFor.*, waitForJob, useA2EJob) goes through one. Waiters
// of a family are read together — one batch call per round for up to 200 jobs, else pages of the
// family's list, else one detail call per job — at the shortest interval any of them asks for, within
// one request budget for the whole tracker. What it reads and why it gives up is reported, never silent.
import { jobs, paging } from '../../generated/api.gen.js';
import { readJob } from '../jobs.js';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  JobFailedError,
  JobTimedOutError,
} from '../../core/errors.js';
import { jobFailureMessage } from '../job-outcome.js';
import type { Call } from '../../core/call.js';
import type { LogEvent } from '../../internal/transport.js';
import type { JobFamily, JobRecord, OperationId } from '../../types.js';
import { readBatchAnswer, rowsAt, type JobRow } from './answer-shapes.js';
import { createRequestBudget, type RequestBudget } from './request-budget.js';
import { classify, JobStatusUnknownError } from './status.js';

/** A2E's stated limit of ids per batch call (one family's prose); every family is chunked the same way. */
export const MAX_BATCH_IDS = 200;
/** Rows asked per list page when a family is read through its list. */
export const LIST_PAGE_SIZE = 100;
/** Reads in a row with an unknown status (or none) before a wait ends with JobStatusUnknownError. */
export const DEFAULT_MAX_UNKNOWN_POLLS = 10;
/** Failed reads of one job in a row (connection errors, 5xx) before its waiters get the error. */
const MAX_READ_FAILURES = 3;

export interface TrackOptions<R = unknown> {
  /** Wished wait between reads, in ms (the family is read at the shortest wish of its waiters). Default 5000. */
  intervalMs?: number;
  /** The wish grows by this factor after each read. Default 1.5. */
  backoffFactor?: number;
  /** Longest wished wait, in ms. Default 30000. */
  maxIntervalMs?: number;
  /** Give up after this long, in ms. Default 3,600,000. */
  timeoutMs?: number;
  /** Stops this wait (a read shared with other waiters goes on for them). */
  signal?: AbortSignal;
  /** Called after every read of the job with the status read and the whole record. */
  onProgress?: (status: string | undefined, record: R) => void;
  /** Called when the record holds no status, or one the spec does not list for the family. */
  onUnknownStatus?: (status: string | undefined, record: R | undefined) => void;
  /** Unknown reads in a row before the wait ends with JobStatusUnknownError. Default 10. */
  maxUnknownPolls?: number;
}

export interface TrackerOptions {
  call: Call;
  /** Redacts what goes into errors (a server may echo the key). */
  redact?: <T>(value: T) => T;
  logger?: ((event: LogEvent) => void) | undefined;
  /** Requests per second for all the tracker's reads together. Default 20. */
  requestsPerSecond?: number;
  /** Default for every wait (see TrackOptions). */
  maxUnknownPolls?: number;
  /** Told when a job reaches a terminal state (the ledger closes its entry). */
  onTerminal?: (family: JobFamily, id: string, state: 'success' | 'failure', status: string | undefined) => void;
}

export interface TrackerStats {
  /** Requests sent, by how: batch calls, list pages and detail calls. */
  batch: number;
  list: number;
  detail: number;
  /** 429 answers seen. */
  throttled: number;
}

export interface JobTracker {
  track<F extends JobFamily>(family: F, id: string, options?: TrackOptions<JobRecord<F>>): Promise<JobRecord<F>>;
  /** Reads the job now, for every waiter of it (a webhook said it ended); no-op when nobody waits. */
  poke(family: JobFamily, id: string): void;
  /** Jobs waited on now, by family. */
  tracked(): Record<string, string[]>;
  readonly stats: Readonly<TrackerStats>;
  readonly budget: RequestBudget;
}

interface Waiter {
  family: JobFamily;
  id: string;
  interval: number;
  factor: number;
  maxInterval: number;
  nextDue: number;
  unknown: number;
  maxUnknown: number;
  failures: number;
  last: JobRow | undefined;
  options: TrackOptions<never>;
  settle(error: Error | undefined, value?: JobRow): void;
}

type FamilyTable = { batchOperation?: string; listOperation?: string };

export function createJobTracker(options: TrackerOptions): JobTracker {
  const redact = options.redact ?? (<T>(v: T) => v);
  const budget = createRequestBudget(options.requestsPerSecond);
  // The tracker's own reads are not retried by the transport: a 429 must slow every family (the
  // budget), and other failures are counted per job here.
  const call: Call = (op, input, opts) => options.call(op, input, { maxRetries: 0, ...opts });
  const stats: TrackerStats = { batch: 0, list: 0, detail: 0, throttled: 0 };
  /** family → job id → its waiters. */
  const lanes = new Map<JobFamily, Map<string, Set<Waiter>>>();
  const busy = new Set<JobFamily>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const log = (event: string, family: string, detail: string, operationId?: string) => {
    try {
      options.logger?.({ type: 'tracker', event, family, detail, ...(operationId && { operationId }) } as LogEvent);
    } catch {
      /* a logger that throws is ignored */
    }
  };

  function remove(w: Waiter) {
    const lane = lanes.get(w.family);
    const set = lane?.get(w.id);
    set?.delete(w);
    if (set && !set.size) lane!.delete(w.id);
    if (lane && !lane.size) lanes.delete(w.family);
  }

  function schedule() {
    let next = Infinity;
    for (const [family, lane] of lanes) {
      if (busy.has(family)) continue;
      for (const set of lane.values()) for (const w of set) next = Math.min(next, w.nextDue);
    }
    if (next === Infinity) {
      clearTimeout(timer);
      timer = undefined;
      timerAt = Infinity;
      return;
    }
    if (timer && timerAt <= next) return;
    clearTimeout(timer);
    timerAt = next;
    // setTimeout even when due now: waiters added in the same turn join the same round.
    timer = setTimeout(tick, Math.max(0, next - Date.now()));
  }

  function tick() {
    timer = undefined;
    timerAt = Infinity;
    const now = Date.now();
    for (const [family, lane] of lanes) {
      if (busy.has(family)) continue;
      const due = [...lane].filter(([, set]) => [...set].some((w) => w.nextDue <= now)).map(([id]) => id);
      if (!due.length) continue;
      busy.add(family);
      void readFamily(family, due, [...lane.keys()]).finally(() => {
        busy.delete(family);
        schedule();
      });
    }
    schedule();
  }

  /** One round for a family: batch or list for all its jobs when it has several, else detail per due job. */
  async function readFamily(family: JobFamily, due: string[], all: string[]) {
    const table = jobs[family] as FamilyTable;
    const many = all.length >= 2;
    let missing = due;
    // A family whose only status call is its list (idIn: list) is read a page for all, not a list per job.
    const listOp = table.listOperation ?? (jobs[family].idIn === 'list' ? jobs[family].statusOperation : undefined);
    if (many && table.batchOperation) missing = await readBatches(family, table.batchOperation, all);
    else if (many && listOp && listOp in paging) missing = await readList(family, listOp, all);
    // Of the jobs the bulk reads did not show, only those due are read one by one now.
    const now = Date.now();
    const dueNow = new Set(due);
    await Promise.all(
      missing.filter((id) => dueNow.has(id) || (many && isDue(family, id, now))).map((id) => readOne(family, id)),
    );
  }

  const isDue = (family: JobFamily, id: string, now: number) =>
    [...(lanes.get(family)?.get(id) ?? [])].some((w) => w.nextDue <= now);

  /** Reads `ids` in chunks of 200; returns the ids it could not read. */
  async function readBatches(family: JobFamily, op: string, ids: string[]): Promise<string[]> {
    const missing: string[] = [];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += MAX_BATCH_IDS) chunks.push(ids.slice(i, i + MAX_BATCH_IDS));
    await Promise.all(
      chunks.map(async (chunk) => {
        const data = await send(family, op, { ids: chunk }, 'batch');
        if (data === THROTTLED) return; // read again after the pause
        const answer = data === FAILED ? undefined : readBatchAnswer(data.data, chunk);
        if (!answer) {
          if (data !== FAILED)
            log(
              'batch-unreadable',
              family,
              `the answer of ${op} is in no known shape; reading ${chunk.length} jobs one by one`,
              op,
            );
          missing.push(...chunk);
          return;
        }
        for (const id of chunk) {
          const record = answer.records.get(id);
          if (record) deliver(family, id, record);
          else missing.push(id);
        }
      }),
    );
    return missing;
  }

  /** Reads list pages until every job is found, a page is short, or enough pages for all of them were read. */
  async function readList(family: JobFamily, op: string, ids: string[]): Promise<string[]> {
    const spec = paging[op as keyof typeof paging] as { page: string; size: string; items: string };
    const wanted = new Set(ids);
    const maxPages = Math.ceil(ids.length / LIST_PAGE_SIZE) + 1;
    for (let page = 1; page <= maxPages && wanted.size; page++) {
      const data = await send(family, op, { [spec.page]: page, [spec.size]: LIST_PAGE_SIZE }, 'list');
      if (data === THROTTLED) return [];
      const rows = data === FAILED ? undefined : rowsAt(data.body, spec.items);
      if (!rows) {
        if (data !== FAILED)
          log(
            'list-unreadable',
            family,
            `no rows at ${spec.items} in the answer of ${op}; reading jobs one by one`,
            op,
          );
        break;
      }
      for (const row of rows) {
        const id = String(row._id ?? row.id ?? '');
        if (wanted.delete(id)) deliver(family, id, row);
      }
      if (rows.length < LIST_PAGE_SIZE) break;
    }
    return [...wanted];
  }

  async function readOne(family: JobFamily, id: string) {
    try {
      await budget.take();
      // Nobody waits any more (timed out, aborted) while this read queued for the budget: not sent.
      if (!lanes.get(family)?.has(id)) return;
      stats.detail++;
      const record = await readJob(call, family, id);
      budget.answered();
      for (const w of lanes.get(family)?.get(id) ?? []) w.failures = 0;
      deliver(family, id, record);
    } catch (e) {
      if (throttle(e, family, jobs[family].statusOperation)) return;
      for (const w of [...(lanes.get(family)?.get(id) ?? [])]) {
        const transient = e instanceof APIConnectionError || (e instanceof APIError && e.status >= 500);
        if (transient && ++w.failures < MAX_READ_FAILURES) {
          next(w);
          continue;
        }
        remove(w);
        w.settle(e as Error);
      }
    }
  }

  const THROTTLED = Symbol('throttled');
  const FAILED = Symbol('failed');
  async function send(family: JobFamily, op: string, input: object, how: 'batch' | 'list') {
    try {
      await budget.take();
      stats[how]++;
      const result = await call(op as OperationId, input as never);
      budget.answered();
      return result;
    } catch (e) {
      if (throttle(e, family, op)) return THROTTLED;
      log(`${how}-failed`, family, `${op} failed (${(e as Error).name}); reading jobs one by one`, op);
      return FAILED;
    }
  }

  function throttle(e: unknown, family: JobFamily, op: string): boolean {
    if (!(e instanceof APIError) || e.status !== 429) return false;
    stats.throttled++;
    const retryAfterMs = (e as { retryAfterMs?: number }).retryAfterMs;
    budget.throttled(retryAfterMs);
    log(
      'throttled',
      family,
      `429 from ${op}: every family waits ${retryAfterMs ?? 'a growing pause'} ms and the rate is now ${budget.rate.toFixed(2)}/s`,
      op,
    );
    // The jobs of this read are read again after the pause.
    const now = Date.now();
    for (const set of lanes.get(family)?.values() ?? [])
      for (const w of set) w.nextDue = Math.max(w.nextDue, now + (retryAfterMs ?? 0));
    return true;
  }

  function next(w: Waiter) {
    w.nextDue = Date.now() + w.interval;
    w.interval = Math.min(w.interval * w.factor, w.maxInterval);
  }

  function deliver(family: JobFamily, id: string, record: JobRow | undefined) {
    for (const w of [...(lanes.get(family)?.get(id) ?? [])]) {
      w.last = record;
      const { state, status } = classify(family, record);
      try {
        w.options.onProgress?.(status, record as never);
      } catch {
        /* a callback that throws does not end the wait */
      }
      if (state === 'success' || state === 'failure') {
        remove(w);
        options.onTerminal?.(family, id, state, status);
        if (state === 'success') w.settle(undefined, record);
        else
          w.settle(
            new JobFailedError(family, id, redact(status!), redact(record), redact(jobFailureMessage(family, record))),
          );
        continue;
      }
      if (state === 'unknown') {
        w.unknown++;
        // The status is the server's text: redacted like everything else it says that reaches a log.
        log(
          'unknown-status',
          family,
          `job ${id}: ${status === undefined ? 'no status field' : `status "${redact(status)}" is not listed for the family`} (${w.unknown} of ${w.maxUnknown})`,
        );
        try {
          w.options.onUnknownStatus?.(status, record as never);
        } catch {
          /* ignored, as onProgress */
        }
        if (w.unknown >= w.maxUnknown) {
          remove(w);
          w.settle(new JobStatusUnknownError(family, id, redact(status), redact(record), w.unknown));
          continue;
        }
      } else w.unknown = 0;
      next(w);
    }
  }

  return {
    stats,
    budget,
    track<F extends JobFamily>(family: F, id: string, opts: TrackOptions<JobRecord<F>> = {}): Promise<JobRecord<F>> {
      const { intervalMs = 5000, backoffFactor = 1.5, maxIntervalMs = 30_000, timeoutMs = 3_600_000, signal } = opts;
      return new Promise<JobRecord<F>>((resolve, reject) => {
        if (signal?.aborted) return reject(new APIUserAbortError());
        let deadline: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          remove(w);
          w.settle(new APIUserAbortError());
          schedule();
        };
        const w: Waiter = {
          family,
          id,
          interval: intervalMs,
          factor: backoffFactor,
          maxInterval: Math.max(maxIntervalMs, intervalMs),
          nextDue: Date.now(),
          unknown: 0,
          maxUnknown: opts.maxUnknownPolls ?? options.maxUnknownPolls ?? DEFAULT_MAX_UNKNOWN_POLLS,
          failures: 0,
          last: undefined,
          options: opts as TrackOptions<never>,
          settle(error, value) {
            clearTimeout(deadline);
            signal?.removeEventListener('abort', onAbort);
            if (error) reject(error);
            else resolve(value as JobRecord<F>);
          },
        };
        deadline = setTimeout(() => {
          remove(w);
          w.settle(new JobTimedOutError(family, id, timeoutMs, redact(w.last)));
          schedule();
        }, timeoutMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        let lane = lanes.get(family);
        if (!lane) lanes.set(family, (lane = new Map()));
        let set = lane.get(id);
        if (!set) lane.set(id, (set = new Set()));
        set.add(w);
        schedule();
      });
    },
    poke(family, id) {
      const set = lanes.get(family)?.get(id);
      if (!set) return;
      const now = Date.now();
      for (const w of set) w.nextDue = now;
      schedule();
    },
    tracked() {
      return Object.fromEntries([...lanes].map(([family, lane]) => [family, [...lane.keys()]]));
    },
  };
}
