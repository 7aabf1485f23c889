// createA2EClient: the openapi-fetch client, plus a method per operation grouped by tag, job waiters
// and pagers — all built from the generated table at creation, none written per endpoint.
import { api, jobs } from './generated/api.gen.js';
import type { Resources } from './generated/resources.gen.js';
import type { Call, Invoke, Route, SendRecorder } from './core/call.js';
import { InvalidRequestError } from './core/errors.js';
import type { JobsRuntime } from './lib/tracker/runtime.js';
import type { JobStore } from './lib/tracker/store.js';
import type { ResumeReport } from './lib/tracker/resume.js';
import type { TrackerStats } from './lib/tracker/tracker.js';
import { paginate, type PaginateOptions, type Pager } from './core/paginate.js';
import { createRawClient } from './internal/raw.js';
import { entries, familyOfStart } from './internal/table.js';
import { clientSteps } from './lib/before-send.js';
import type { Quote } from './lib/budget.js';
import type { Uploaded, UploadOptions, UploadSource } from './lib/files.js';
import { jobResultOf } from './lib/job-outcome.js';
import { createWaiters, jobIdOf, type Waiters, type WaitOptions } from './lib/jobs.js';
import type { StartStreamingOptions, StreamingSession } from './lib/streaming/session.js';
import { setup, type CoreOptions } from './lean.js';
import type { JobFamily, JobRecord, OperationId, OperationInput, PagedOperationId, RequestOptions } from './types.js';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/schema.gen.js';

export interface ClientOptions extends Omit<CoreOptions, 'beforeSend'> {
  /** Default spending limit for every job start: each is quoted first and refused over this (see `quote`). */
  maxCredits?: number;
  /**
   * Where job starts are recorded before they are sent (the ledger) and where a webhook reaches the
   * waiters of every instance. Default: a memory store, which survives nothing — use `@a2e-sdk/redis`
   * for restarts and several instances.
   */
  store?: JobStore;
  /** The job tracker every waiter goes through: its request budget for all reads together (default 20/s) and `maxUnknownPolls` (default 10). */
  tracker?: { requestsPerSecond?: number; maxUnknownPolls?: number };
}

export type A2EClient = Client<paths> &
  Resources & {
    /** Calls any operation by id; resolves to `{ data, body, response }`. */
    call: Call;
    /** Sends one operation by its route (what the per-operation functions of `@a2e-sdk/client/fns` call). */
    invoke: Invoke;
    /** `waitFor.<family>(jobId, options)`: polls a job to a terminal status. */
    waitFor: Waiters;
    waitForJob<F extends JobFamily>(family: F, id: string, options?: WaitOptions<JobRecord<F>>): Promise<JobRecord<F>>;
    /** The job tracker behind every waiter. */
    tracker: {
      /** After a restart: re-attaches waiters to every started job not yet terminal, and reports starts that may have gone through. */
      resume(options?: WaitOptions): Promise<ResumeReport>;
      /** Requests the tracker sent so far (batch, list, detail) and 429s seen. */
      stats(): Promise<TrackerStats>;
    };
    /** The job id in a start operation's `data`. */
    jobIdOf(family: JobFamily, data: unknown): string | undefined;
    /** The output of a finished job's record: its first non-empty result field, the spec's alternatives included. */
    jobResultOf(family: JobFamily, record: unknown): string | readonly string[] | undefined;
    /** Walks a paged list: `for await (const row of client.paginate('listDubbings'))`. */
    paginate<K extends PagedOperationId>(
      operationId: K,
      input?: Partial<OperationInput<K>>,
      options?: PaginateOptions,
    ): Pager<K>;
    /** Prices a call before making it. Only the fields that set the price are checked, not the whole request. */
    quote<K extends OperationId>(
      operationId: K,
      body: Partial<OperationInput<K>>,
      options?: RequestOptions,
    ): Promise<Quote>;
    /** Opens a streaming avatar session (billing starts); it leaves exactly once, however it ends. */
    startStreamingSession(options: StartStreamingOptions): Promise<StreamingSession>;
    files: {
      /** Uploads bytes to A2E's storage; resolves to the URL job operations accept. */
      upload(source: UploadSource, options?: UploadOptions): Promise<Uploaded>;
      /** Has A2E copy a public URL into its storage; resolves to the copy's URL. */
      saveUrl(url: string, options?: { signal?: AbortSignal }): Promise<string>;
    };
  };

export function createA2EClient(options: ClientOptions = {}): A2EClient {
  // The tracker, ledger and resume load on first use (a dynamic import): a client that never starts or
  // waits for a job does not carry them.
  let runtime: Promise<JobsRuntime> | undefined;
  const jobsRuntime = () =>
    (runtime ??= import('./lib/tracker/runtime.js').then((m) =>
      m.createJobsRuntime({
        call,
        redact,
        logger: options.logger,
        store: options.store,
        requestsPerSecond: options.tracker?.requestsPerSecond,
        maxUnknownPolls: options.tracker?.maxUnknownPolls,
      }),
    ));
  // Every job start is written to the ledger just before it leaves; other requests are not recorded.
  const recorder: SendRecorder = {
    begin: (operationId, body) =>
      familyOfStart.has(operationId) ? jobsRuntime().then((r) => r.ledger.begin(operationId, body)) : undefined,
    end: async (key, outcome) => (await jobsRuntime()).ledger.end(key, outcome),
  };
  const {
    baseUrl,
    headers,
    send,
    redact,
    fetch: fetchImpl,
    timeoutMs: clientTimeoutMs,
    invoke,
  } = setup({ ...options, beforeSend: clientSteps(options.maxCredits), recorder });
  const routeOf = (id: string) => {
    const route = entries.get(id);
    if (!route) throw new InvalidRequestError(`Unknown operation "${id}"`);
    return route;
  };
  const call: Call = async (id, input, opts) => invoke(id, routeOf(id), input, opts);
  const wait = async <F extends JobFamily>(family: F, id: string, opts?: WaitOptions<JobRecord<F>>) =>
    (await jobsRuntime()).tracker.track(family, id, opts);

  const resources: Record<string, Record<string, unknown>> = {};
  for (const [tag, ops] of Object.entries(api)) {
    const group: Record<string, unknown> = (resources[tag] = {});
    for (const [id, route] of Object.entries(ops as Record<string, Route>)) {
      group[id] = (input?: object, opts?: RequestOptions) =>
        invoke(id as OperationId, route, input as never, opts).then((r) => r.data);
    }
  }

  return Object.assign(createRawClient(baseUrl, headers, send, redact), resources as unknown as Resources, {
    call,
    invoke,
    waitFor: createWaiters(wait),
    waitForJob: wait,
    tracker: {
      resume: async (opts?: WaitOptions) => (await jobsRuntime()).resume(opts),
      stats: async () => ({ ...(await jobsRuntime()).tracker.stats }),
    },
    jobIdOf,
    jobResultOf,
    paginate: <K extends PagedOperationId>(id: K, input?: Partial<OperationInput<K>>, opts?: PaginateOptions) =>
      paginate(call, id, input, opts),
    // The workflows below load on first use (dynamic import): a bundle that never calls them ships
    // them as chunks it never fetches.
    quote: async <K extends OperationId>(id: K, body: Partial<OperationInput<K>>, opts?: RequestOptions) =>
      (await import('./lib/budget.js')).quotePath({ invoke }, routeOf(id).path, body, opts),
    startStreamingSession: async (opts: StartStreamingOptions) =>
      (await import('./lib/streaming/session.js')).startStreamingSession(
        { call },
        { timeoutMs: clientTimeoutMs, ...opts },
      ),
    files: {
      upload: async (source: UploadSource, opts?: UploadOptions) =>
        (await import('./lib/files.js')).upload(call, fetchImpl, source, { timeoutMs: options.timeoutMs, ...opts }),
      saveUrl: async (url: string, opts?: { signal?: AbortSignal }) =>
        (await import('./lib/files.js')).saveUrl(call, url, opts),
    },
  });
}

export { jobs };
