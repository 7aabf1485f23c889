// One generic poller; the job waiters (jobs.ts) are thin wrappers over it. Its sleeps end the moment
// the signal aborts, not at the next poll.
import { sleep } from '../internal/sleep.js';

export interface PollOptions {
  /** First wait between polls, in ms. Default 5000. */
  intervalMs?: number;
  /** The wait grows by this factor after each poll. Default 1.5. */
  backoffFactor?: number;
  /** Longest wait between polls, in ms. Default 30000. */
  maxIntervalMs?: number;
  /** Give up after this long, in ms. Default 3,600,000 (one hour; lip-sync training takes about two). */
  timeoutMs?: number;
  /** Stops waiting (and any request under way). */
  signal?: AbortSignal;
}

export type PollStep<T> = { done: true; value: T } | { done: false };

/**
 * Calls `poll` until it reports done, sleeping in between. Resolves to the done value; rejects with
 * whatever `poll` throws, or with `onTimeout()` once `timeoutMs` has passed.
 */
export async function pollUntil<T>(
  poll: (signal?: AbortSignal) => Promise<PollStep<T>>,
  onTimeout: () => Error,
  options: PollOptions = {},
): Promise<T> {
  const { intervalMs = 5000, backoffFactor = 1.5, maxIntervalMs = 30_000, timeoutMs = 3_600_000, signal } = options;
  const deadline = Date.now() + timeoutMs;
  let wait = intervalMs;
  for (;;) {
    const step = await poll(signal);
    if (step.done) return step.value;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw onTimeout();
    await sleep(Math.min(wait, remaining), signal);
    wait = Math.min(wait * backoffFactor, maxIntervalMs);
  }
}
