// createA2ECore: the lean core — the request pipeline (retries, timeouts, redaction, typed errors) with
// no operation table and no workflow. The per-operation functions of `@a2e-sdk/client/fns` take it (or
// a full client), so an app that uses three operations bundles those three and this pipeline only.
import { servers } from './generated/api.gen.js';
import { createPipeline, type BeforeSend, type Invoke, type Invoker, type SendRecorder } from './core/call.js';
import { DEFAULT_MAX_RETRY_AFTER_MS, type BackoffOptions } from './core/retry.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './internal/body.js';
import { checkOptions } from './internal/options.js';
import { createRedactor } from './internal/redact.js';
import { createTransport, type LogEvent, type Send } from './internal/transport.js';

export interface CoreOptions {
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
  /**
   * Steps run before every request that sends a body, in order (see `BeforeSend`). The lean core runs
   * none by default: no spending guard, no `webhook` option expansion.
   */
  beforeSend?: readonly BeforeSend[];
}

export interface A2ECore extends Invoker {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
}

const env = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/** @internal What the core and the full client share: checked options, the transport, the pipeline. */
export interface Setup {
  baseUrl: string;
  headers: Record<string, string>;
  send: Send;
  redact: <T>(value: T) => T;
  fetch: typeof fetch;
  timeoutMs: number;
  invoke: Invoke;
}

/** @internal Checks the options and builds the transport and pipeline (the client adds its ledger as `recorder`). */
export function setup(options: CoreOptions & { recorder?: SendRecorder }): Setup {
  const apiKey = options.apiKey ?? env('A2E_API_KEY');
  const baseUrl = (options.baseUrl ?? servers[options.server ?? 'global']).replace(/\/+$/, '');
  // Refused here, typed, rather than failing every request as a connection error retried three times.
  checkOptions(apiKey, baseUrl, options);
  const redact = createRedactor([apiKey]);
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const send = createTransport({
    fetch: fetchImpl,
    timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    logger: options.logger,
    redact,
    ...options.backoff,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
  const invoke = createPipeline({
    baseUrl,
    headers,
    send,
    redact,
    beforeSend: options.beforeSend,
    recorder: options.recorder,
  });
  return { baseUrl, headers, send, redact, fetch: fetchImpl, timeoutMs, invoke };
}

/**
 * The lean core: `getDubbing(core, { _id })` with the functions of `@a2e-sdk/client/fns`. Same options,
 * retries, timeouts and errors as `createA2EClient`, without the grouped methods, waiters, pagers,
 * uploads or the spending guard (add steps through `beforeSend`).
 */
export function createA2ECore(options: CoreOptions = {}): A2ECore {
  const { baseUrl, invoke } = setup(options);
  return { baseUrl, invoke };
}
