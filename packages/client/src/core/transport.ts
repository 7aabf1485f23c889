// The one place a request goes out: per-attempt timeout, the caller's AbortSignal, retries by the
// operation's kind (see retry.ts), and log events. The body is read here too, under the same timeout,
// so a stalled or truncated body fails like any other connection problem instead of hanging.
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

export function createTransport(options: TransportOptions) {
  const { fetch: fetchImpl, redact, logger } = options;

  return async function send(input: string | Request, init: RequestInit, ctx: SendContext): Promise<Sent> {
    const method = typeof input === 'string' ? (init.method ?? 'GET') : input.method;
    const url = redact(typeof input === 'string' ? input : input.url);
    const timeoutMs = ctx.timeoutMs ?? options.timeoutMs;
    const maxRetries = ctx.maxRetries ?? options.maxRetries;
    const log = logger && ((e: Record<string, unknown>) => logger({ operationId: ctx.operationId, method, url, ...e } as LogEvent));

    for (let attempt = 0; ; attempt++) {
      if (ctx.signal?.aborted) throw new APIUserAbortError();
      const controller = new AbortController();
      let timedOut = false;
      const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs) : undefined;
      const onAbort = () => controller.abort();
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      const started = Date.now();
      log?.({ type: 'request', attempt });
      let failure: unknown;
      try {
        const response = await (typeof input === 'string'
          ? fetchImpl(input, { ...init, signal: controller.signal })
          : fetchImpl(input.clone(), { signal: controller.signal }));
        if (attempt < maxRetries && retryableStatus(response.status, ctx.kind)) {
          await response.body?.cancel().catch(() => {});
          const delayMs = retryDelayMs(attempt, response.headers, options);
          log?.({ type: 'retry', attempt, delayMs, reason: `HTTP ${response.status}` });
          await sleep(delayMs, ctx.signal);
          continue;
        }
        const text = await response.text();
        log?.({ type: 'response', status: response.status, durationMs: Date.now() - started });
        return { response, text };
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
        ctx.signal?.removeEventListener('abort', onAbort);
      }
      if (failure instanceof APIUserAbortError || ctx.signal?.aborted) throw new APIUserAbortError();
      const error = timedOut ? new APIConnectionTimeoutError(timeoutMs) : new APIConnectionError(redact(`Connection error: ${(failure as Error)?.message ?? failure}`), { cause: failure });
      if (attempt < maxRetries && retryableError(failure, ctx.kind, timedOut)) {
        const delayMs = retryDelayMs(attempt, undefined, options);
        log?.({ type: 'retry', attempt, delayMs, reason: error.message });
        await sleep(delayMs, ctx.signal);
        continue;
      }
      log?.({ type: 'error', message: error.message });
      throw error;
    }
  };
}

export type Send = ReturnType<typeof createTransport>;
