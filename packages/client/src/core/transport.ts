// The one place a request goes out: per-attempt timeout, the caller's AbortSignal, retries by the
// operation's kind (see retry.ts), and log events. The body is read here too, under the same timeout,
// so a stalled or truncated body fails like any other connection problem instead of hanging.
//
// An AbortSignal is handed to fetch only when the caller gives one: in undici a signal costs several
// percent per request. The timeout is a race instead; when it fires without a signal, the body of a
// late answer is cancelled as soon as it arrives, which frees the connection.
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from './errors.js';
import { retryableError, retryableStatus, retryDelayMs, type BackoffOptions, type OperationKind } from './retry.js';
import { sleep } from '../internal/sleep.js';

/** What the client tells its `logger`. Never headers, never bodies, URLs with secrets masked. */
export type LogEvent =
  | { type: 'request'; operationId?: string; method: string; url: string; attempt: number }
  | { type: 'response'; operationId?: string; method: string; url: string; status: number; durationMs: number }
  | { type: 'retry'; operationId?: string; method: string; url: string; attempt: number; delayMs: number; reason: string }
  | { type: 'error'; operationId?: string; method: string; url: string; message: string };

export interface TransportOptions extends BackoffOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  logger?: ((event: LogEvent) => void) | undefined;
  redact: <T>(value: T) => T;
}

export interface SendContext {
  kind: OperationKind;
  operationId?: string | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

export interface Sent { response: Response; text: string }

const TIMED_OUT = Symbol('timed out');

export function createTransport(options: TransportOptions) {
  const { fetch: fetchImpl, redact, logger } = options;

  /** One attempt: the answer and its body, or a rejection (TIMED_OUT when the clock ran out). */
  async function exchange(input: string | Request, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Sent> {
    let response: Response | undefined;
    let timedOut = false;
    const controller = signal && new AbortController();
    const onAbort = controller && (() => controller.abort());
    if (onAbort) signal!.addEventListener('abort', onAbort, { once: true });
    const work = (async () => {
      response = await (typeof input === 'string'
        ? fetchImpl(input, controller ? { ...init, signal: controller.signal } : init)
        : fetchImpl(input.clone(), controller && { signal: controller.signal }));
      if (timedOut) { void response.body?.cancel().catch(() => {}); throw TIMED_OUT; }
      return { response, text: await response.text() };
    })();
    if (!(timeoutMs > 0)) return work.finally(() => onAbort && signal!.removeEventListener('abort', onAbort));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const clock = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(TIMED_OUT), timeoutMs); });
    try {
      return await Promise.race([work, clock]);
    } catch (error) {
      if (error === TIMED_OUT) {
        timedOut = true;
        controller?.abort();
        void response?.body?.cancel().catch(() => {});
        work.catch(() => {}); // its late failure is expected now
      }
      throw error;
    } finally {
      clearTimeout(timer);
      if (onAbort) signal!.removeEventListener('abort', onAbort);
    }
  }

  return async function send(input: string | Request, init: RequestInit, ctx: SendContext): Promise<Sent> {
    const timeoutMs = ctx.timeoutMs ?? options.timeoutMs;
    const maxRetries = ctx.maxRetries ?? options.maxRetries;
    const { signal, kind } = ctx;
    // Log fields are built only when someone listens (redacting a URL is not free).
    const log = logger && ((e: Record<string, unknown>) => logger({
      operationId: ctx.operationId, method: typeof input === 'string' ? (init.method ?? 'GET') : input.method,
      url: redact(typeof input === 'string' ? input : input.url), ...e,
    } as LogEvent));

    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new APIUserAbortError();
      const started = log && Date.now();
      log?.({ type: 'request', attempt });
      let failure: unknown;
      try {
        const sent = await exchange(input, init, timeoutMs, signal);
        const { status, headers } = sent.response;
        if (attempt < maxRetries && retryableStatus(status, kind)) {
          const delayMs = retryDelayMs(attempt, headers, options);
          log?.({ type: 'retry', attempt, delayMs, reason: `HTTP ${status}` });
          await sleep(delayMs, signal);
          continue;
        }
        log?.({ type: 'response', status, durationMs: Date.now() - started! });
        return sent;
      } catch (error) {
        if (error instanceof APIUserAbortError) throw error; // from the sleep above
        failure = error;
      }
      if (signal?.aborted) throw new APIUserAbortError();
      const timedOut = failure === TIMED_OUT;
      const error = timedOut ? new APIConnectionTimeoutError(timeoutMs) : new APIConnectionError(redact(`Connection error: ${(failure as Error)?.message ?? failure}`), { cause: failure });
      if (attempt < maxRetries && retryableError(failure, kind, timedOut)) {
        const delayMs = retryDelayMs(attempt, undefined, options);
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
