// createA2EClient: the openapi-fetch client, plus a method per operation grouped by tag, job waiters
// and pagers — all built from the generated table at creation, none written per endpoint.
import { api, jobs, servers } from './generated/api.gen.js';

import { createCall, type Call } from './core/call.js';
import { createWaiters, jobIdOf, type Waiters, type WaitOptions } from './core/jobs.js';
import type { JobsRuntime } from './lib/tracker/runtime.js';
import type { JobStore } from './lib/tracker/store.js';
import type { ResumeReport } from './lib/tracker/resume.js';
import type { TrackerStats } from './lib/tracker/tracker.js';
import { jobResultOf } from './core/job-outcome.js';
import { paginate, type PaginateOptions, type Pager } from './core/paginate.js';
import { quote, type Quote } from './core/budget.js';
import { saveUrl, upload, type Uploaded, type UploadOptions, type UploadSource } from './core/files.js';
import { createRawClient } from './core/raw.js';
import { startStreamingSession, type StartStreamingOptions, type StreamingSession } from './core/streaming.js';
import { createTransport, type LogEvent } from './core/transport.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, type BackoffOptions } from './core/retry.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './internal/body.js';
import { checkOptions } from './internal/options.js';
import { createRedactor } from './internal/redact.js';
import type { JobFamily, JobRecord, OperationId, OperationInput, PagedOperationId, RequestOptions, Resources } from './types.js';
import type { Client } from 'openapi-fetch';
import type { paths } from './generated/schema.gen.js';

export interface ClientOptions {
  /** API token (`sk_…`). Default: `A2E_API_KEY` from the environment, where there is one. */
  apiKey?: string;
  /** One of the spec's servers by name. Default `global` (https://video.a2e.ai). */
  server?: keyof typeof servers;
  /** Base URL; wins over `server` (e.g. a Prism mock). */
  baseUrl?: string;
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Per-attempt timeout in ms. Default 60000. */
  timeoutMs?: number;
  /** Retries after the first attempt, within the retry policy (see README). Default 2. */
  maxRetries?: number;
  /** Headers sent with every request (e.g. `{ 'x-lang': 'en-US' }`). */
  headers?: Record<string, string>;
  /** Backoff between retries when the server gives no Retry-After: first delay (default 500 ms), doubling up to `maxDelayMs` (default 8000). */
  backoff?: BackoffOptions;
  /**
   * Longest wait a server may ask for (`Retry-After`, `retry-after-ms`) that the client still follows
   * before retrying. A longer one is not retried: the call fails (a 429 with RateLimitError, whose
   * `retryAfterMs` says how long) and the caller decides. Default 60000.
   */
  maxRetryAfterMs?: number;
  /**
   * Largest answer body read, in bytes; a larger one is cancelled at the limit and fails with
   * InvalidResponseError. Default 33554432 (32 MiB), far above any A2E answer.
   */
  maxResponseBytes?: number;
  /** Receives request, response, retry and error events. The API key never appears in them; a logger that throws is ignored. */
  logger?: (event: LogEvent) => void;
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

export type A2EClient = Client<paths> & Resources & {
  /** Calls any operation by id; resolves to `{ data, body, response }`. */
  call: Call;
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
  paginate<K extends PagedOperationId>(operationId: K, input?: Partial<OperationInput<K>>, options?: PaginateOptions): Pager<K>;
  /** Prices a call before making it. Only the fields that set the price are checked, not the whole request. */
  quote<K extends OperationId>(operationId: K, body: Partial<OperationInput<K>>, options?: RequestOptions): Promise<Quote>;
  /** Opens a streaming avatar session (billing starts); it leaves exactly once, however it ends. */
  startStreamingSession(options: StartStreamingOptions): Promise<StreamingSession>;
  files: {
    /** Uploads bytes to A2E's storage; resolves to the URL job operations accept. */
    upload(source: UploadSource, options?: UploadOptions): Promise<Uploaded>;
    /** Has A2E copy a public URL into its storage; resolves to the copy's URL. */
    saveUrl(url: string, options?: { signal?: AbortSignal }): Promise<string>;
  };
};

const env = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

export function createA2EClient(options: ClientOptions = {}): A2EClient {
  const apiKey = options.apiKey ?? env('A2E_API_KEY');
  const baseUrl = (options.baseUrl ?? servers[options.server ?? 'global']).replace(/\/+$/, '');
  // Refused here, typed, rather than failing every request as a connection error retried three times.
  checkOptions(apiKey, baseUrl, options);
  const redact = createRedactor([apiKey]);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const clientTimeoutMs = options.timeoutMs ?? 60_000;
  const send = createTransport({
    fetch: (...args) => fetchImpl(...args),
    timeoutMs: clientTimeoutMs,
    maxRetries: options.maxRetries ?? 2,
    logger: options.logger,
    redact,
    ...options.backoff,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  // The tracker, ledger and resume load on first use (a dynamic import): a client that never starts or
  // waits for a job does not carry them.
  let runtime: Promise<JobsRuntime> | undefined;
  const jobsRuntime = () => (runtime ??= import('./lib/tracker/runtime.js').then((m) => m.createJobsRuntime({
    call, redact, logger: options.logger, store: options.store,
    requestsPerSecond: options.tracker?.requestsPerSecond, maxUnknownPolls: options.tracker?.maxUnknownPolls,
  })));
  const ledger = {
    begin: async (operationId: string, body: Record<string, unknown>) => (await jobsRuntime()).ledger.begin(operationId, body),
    end: async (key: string, outcome: { data: unknown } | { error: unknown }) => (await jobsRuntime()).ledger.end(key, outcome),
  };
  const call = createCall({ baseUrl, headers, send, redact, maxCredits: options.maxCredits, ledger });
  const wait = async <F extends JobFamily>(family: F, id: string, opts?: WaitOptions<JobRecord<F>>) => (await jobsRuntime()).tracker.track(family, id, opts);

  const resources: Record<string, Record<string, unknown>> = {};
  for (const [tag, ops] of Object.entries(api)) {
    const group: Record<string, unknown> = (resources[tag] = {});
    for (const id of Object.keys(ops)) group[id] = (input?: object, opts?: RequestOptions) => call(id as OperationId, input as never, opts).then((r) => r.data);
  }

  return Object.assign(createRawClient(baseUrl, headers, send, redact), resources as Resources, {
    call,
    waitFor: createWaiters(wait),
    waitForJob: wait,
    tracker: {
      resume: async (opts?: WaitOptions) => (await jobsRuntime()).resume(opts),
      stats: async () => ({ ...(await jobsRuntime()).tracker.stats }),
    },
    jobIdOf,
    jobResultOf,
    paginate: <K extends PagedOperationId>(id: K, input?: Partial<OperationInput<K>>, opts?: PaginateOptions) => paginate(call, id, input, opts),
    quote: <K extends OperationId>(id: K, body: Partial<OperationInput<K>>, opts?: RequestOptions) => quote(call, id, body, opts),
    startStreamingSession: (opts: StartStreamingOptions) => startStreamingSession({ call }, { timeoutMs: clientTimeoutMs, ...opts }),
    files: {
      upload: (source: UploadSource, opts?: UploadOptions) => upload(call, fetchImpl, source, { timeoutMs: options.timeoutMs, ...opts }),
      saveUrl: (url: string, opts?: { signal?: AbortSignal }) => saveUrl(call, url, opts),
    },
  });
}

export { jobs };
