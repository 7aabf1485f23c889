// The one place a request goes out: per-attempt timeout, the caller's AbortSignal, retries by the
// operation's kind (see retry.ts), redirects, the answer-size limit, and log events. The body is read
// here too, under the same timeout, so a stalled or truncated body fails like any other connection
// problem instead of hanging.
//
// Every attempt gets its own AbortController, even when the caller passed no signal: fetch only takes
// a signal up front, and without one a timed-out request stays open and keeps the process alive. The
// controller is the cheapest way that really closes it (AbortSignal.timeout cannot be cleared, so each
// finished request would leave a timer behind for `timeoutMs`). `pnpm bench` measures what it costs.
import {
  A2EError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '../core/errors.js';
import {
  retryableError,
  retryableStatus,
  retryDelayMs,
  type OperationKind,
  type RetryDelayOptions,
} from '../core/retry.js';
import { readBody } from './body.js';
import { sleep } from './sleep.js';

/** What the client tells its `logger`. Never headers, never bodies, URLs with secrets masked. */
export type LogEvent =
  | { type: 'request'; operationId?: string; method: string; url: string; attempt: number }
  | { type: 'response'; operationId?: string; method: string; url: string; status: number; durationMs: number }
  | {
      type: 'retry';
      operationId?: string;
      method: string;
      url: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { type: 'error'; operationId?: string; method: string; url: string; message: string }
  /** The job tracker: a batch answer it could not read, a status no reading knows, a 429 that slows every family. */
  | { type: 'tracker'; event: string; family: string; detail: string; operationId?: string };

export interface TransportOptions extends RetryDelayOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  logger?: ((event: LogEvent) => void) | undefined;
  redact: <T>(value: T) => T;
  /** Longest server-asked wait that is followed; a longer one is not retried (see retry.ts). */
  maxRetryAfterMs: number;
  /** Answers with a larger body fail with InvalidResponseError. */
  maxResponseBytes: number;
}

/**
 * How `send(input, init, ctx)` is called: `init` must be a fresh object per call (its `signal` and
 * `redirect` are set by each attempt); with a Request as `input`, `init` holds only those two.
 */
export interface SendContext {
  kind: OperationKind;
  operationId?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

export interface Sent {
  response: Response;
  text: string;
}

const TIMED_OUT = Symbol('timed out');

/** 3xx answers that move the request elsewhere, and a browser's opaque answer to `redirect: 'manual'`. */
const isRedirect = (r: Response) => r.type === 'opaqueredirect' || [301, 302, 303, 307, 308].includes(r.status);

export function createTransport(options: TransportOptions) {
  const { fetch: fetchImpl, redact, logger } = options;

  /** One attempt: the answer and its body, or a rejection (TIMED_OUT when the clock ran out). */
  async function exchange(
    input: string | Request,
    init: RequestInit,
    timeoutMs: number,
    ctx: SendContext,
  ): Promise<Sent> {
    const { signal, kind, operationId } = ctx;
    const controller = new AbortController();
    const onAbort = signal && (() => controller.abort());
    if (onAbort) signal!.addEventListener('abort', onAbort, { once: true });
    // A write or paid call follows no redirect: a 307/308 would re-send its body (a webhook token
    // included) to wherever the answer points. `init` is the caller's per-call object (see SendContext),
    // set in place rather than copied on the hot path.
    init.signal = controller.signal;
    if (kind !== 'read') init.redirect = 'manual';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const work = (async () => {
      const response = await (typeof input === 'string' ? fetchImpl(input, init) : fetchImpl(input.clone(), init));
      if (kind !== 'read' && isRedirect(response)) {
        void response.body?.cancel().catch(() => {});
        throw APIError.generate({
          status: response.status,
          headers: redact(response.headers),
          body: undefined,
          operationId,
          message: `${operationId ?? 'request'} was answered with a redirect (HTTP ${response.status}), which a write or paid call never follows`,
        });
      }
      return { response, text: await readBody(response, { maxBytes: options.maxResponseBytes, operationId, redact }) };
    })();
    try {
      if (!(timeoutMs > 0)) return await work;
      const clock = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(TIMED_OUT);
        }, timeoutMs);
      });
      return await Promise.race([work, clock]);
    } catch (error) {
      if (error === TIMED_OUT) work.catch(() => {}); // its late failure (the abort) is expected now
      throw error;
    } finally {
      clearTimeout(timer);
      if (onAbort) signal!.removeEventListener('abort', onAbort);
    }
  }

  /** A logger that throws (or rejects) must not fail the call it is watching. */
  const emit =
    logger &&
    ((event: LogEvent) => {
      try {
        const result = logger(event) as unknown;
        if (result && typeof (result as Promise<unknown>).then === 'function')
          (result as Promise<unknown>).then(undefined, () => {});
      } catch {
        // swallowed on purpose: logging is never a reason for a request to fail
      }
    });

  return async function send(input: string | Request, init: RequestInit, ctx: SendContext): Promise<Sent> {
    const timeoutMs = ctx.timeoutMs ?? options.timeoutMs;
    const maxRetries = ctx.maxRetries ?? options.maxRetries;
    const { signal, kind } = ctx;
    // Log fields are built only when someone listens (redacting a URL is not free).
    const log =
      emit &&
      ((e: Record<string, unknown>) =>
        emit({
          operationId: ctx.operationId,
          method: typeof input === 'string' ? (init.method ?? 'GET') : input.method,
          url: redact(typeof input === 'string' ? input : input.url),
          ...e,
        } as LogEvent));

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new APIUserAbortError();
      const started = log && Date.now();
      log?.({ type: 'request', attempt });
      let failure: unknown;
      try {
        const sent = await exchange(input, init, timeoutMs, ctx);
        const { status, headers } = sent.response;
        // undefined: the server asked for a longer wait than maxRetryAfterMs, so the caller decides.
        const delayMs =
          attempt < maxRetries && retryableStatus(status, kind) ? retryDelayMs(attempt, headers, options) : undefined;
        if (delayMs !== undefined) {
          log?.({ type: 'retry', attempt, delayMs, reason: `HTTP ${status}` });
          await sleep(delayMs, signal);
          continue;
        }
        log?.({ type: 'response', status, durationMs: Date.now() - started! });
        return sent;
      } catch (error) {
        if (error instanceof A2EError && !signal?.aborted) {
          // A refused redirect, an answer too large or not decodable: the server answered, so no retry.
          if (!(error instanceof APIUserAbortError)) log?.({ type: 'error', message: error.message });
          throw error;
        }
        failure = error;
      }
      if (signal?.aborted) throw new APIUserAbortError();
      const timedOut = failure === TIMED_OUT;
      const error = timedOut
        ? new APIConnectionTimeoutError(timeoutMs)
        : new APIConnectionError(redact(`Connection error: ${(failure as Error)?.message ?? failure}`), {
            cause: redact(failure),
          });
      if (attempt < maxRetries && retryableError(failure, kind, timedOut)) {
        const delayMs = retryDelayMs(attempt, undefined, options)!;
        log?.({ type: 'retry', attempt, delayMs, reason: error.message });
        await sleep(delayMs, signal);
        continue;
      }
      log?.({ type: 'error', message: error.message });
      throw error;
    }
  };
}

export type Send = ReturnType<typeof createTransport>;
