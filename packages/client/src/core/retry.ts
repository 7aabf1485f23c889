// When a failed attempt may be tried again. The policy depends on what the operation does
// (`x-a2e-kind` in the spec): a read is retried freely; a write or a paid call (which may start a
// billed job) only when the server provably did not take it — the connection was refused or the
// name did not resolve, or the server answered 429.
import { retryAfterMs } from './errors.js';

export type OperationKind = 'read' | 'write' | 'paid';

/** Statuses worth another try for a read: timeout, rate limit, and server-side failures. */
export function retryableStatus(status: number, kind: OperationKind): boolean {
  if (status === 429) return true; // refused before any work was done
  if (kind !== 'read') return false; // 408 and 5xx may come after the server acted
  return status === 408 || status >= 500;
}

/** Network errors that prove the request never reached a server (undici puts the code on `cause`). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT']);

export function retryableError(error: unknown, kind: OperationKind, timedOut: boolean): boolean {
  if (kind === 'read') return true;
  if (timedOut) return false;
  const code = ((error as { cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code) as
    | string
    | undefined;
  return !!code && NOT_SENT.has(code);
}

export interface BackoffOptions {
  /** First delay; it doubles each attempt. */
  initialDelayMs?: number;
  /** Longest delay between attempts when the server asks for none. */
  maxDelayMs?: number;
}

export interface RetryDelayOptions extends BackoffOptions {
  /** Longest server-asked wait (`Retry-After`, `retry-after-ms`) the client follows. Default 60000. */
  maxRetryAfterMs?: number;
}

/** Default of `maxRetryAfterMs`: a minute, as long as a caller can be expected to wait inside one call. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Delay before attempt `attempt + 1`: the server's wait when it gives a valid one (see `retryAfterMs`),
 * else 0.5 s doubling to 8 s with jitter. `undefined` when the server asked for longer than
 * `maxRetryAfterMs`: then there is no retry, and the error carries `retryAfterMs` for the caller.
 */
export function retryDelayMs(
  attempt: number,
  headers: Headers | undefined,
  options: RetryDelayOptions = {},
): number | undefined {
  const { initialDelayMs = 500, maxDelayMs = 8000, maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS } = options;
  const asked = headers && retryAfterMs(headers);
  if (asked !== undefined) return asked <= maxRetryAfterMs ? asked : undefined;
  const base = Math.min(initialDelayMs * 2 ** attempt, maxDelayMs);
  return base * (1 - Math.random() * 0.25); // jitter down to 75% so many clients do not retry in step
}
