// One request budget for every read the tracker makes, across all families: a token bucket of
// `requestsPerSecond`. A 429 pauses every family until the server's Retry-After (or a doubling pause when
// it names none) and halves the rate; each answer that is not a 429 wins a little of it back.
import { sleep } from '../../internal/sleep.js';

/** Default budget of the tracker: far below what 1,000 naive pollers send, enough for many families. */
export const DEFAULT_TRACKER_REQUESTS_PER_SECOND = 20;

export interface RequestBudget {
  /** Resolves when one request may be sent. */
  take(signal?: AbortSignal): Promise<void>;
  /** A 429 came back: wait `retryAfterMs` (when the server said) before any request, and slow down. */
  throttled(retryAfterMs: number | undefined): void;
  /** An answer that was not a 429. */
  answered(): void;
  /** The rate now, in requests per second (lower than configured after 429s). */
  readonly rate: number;
}

export function createRequestBudget(
  requestsPerSecond = DEFAULT_TRACKER_REQUESTS_PER_SECOND,
  now = () => Date.now(),
): RequestBudget {
  if (!(requestsPerSecond > 0))
    throw new RangeError(`requestsPerSecond must be above 0, got ${String(requestsPerSecond)}`);
  const floor = Math.min(requestsPerSecond, 0.5);
  let rate = requestsPerSecond;
  // A burst of one second's worth, so a first round of many families is not spread out needlessly.
  let tokens = requestsPerSecond;
  let refilled = now();
  let pausedUntil = 0;
  let pauseMs = 0;
  // Waiters are served in order, so a family that asks first is not starved by later ones.
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(rate, tokens + ((t - refilled) / 1000) * rate);
    refilled = t;
  };

  return {
    get rate() {
      return rate;
    },
    take(signal) {
      const turn = queue.then(async () => {
        for (let round = 0; ; round++) {
          const paused = pausedUntil - now();
          if (paused > 0) {
            await sleep(paused, signal);
            continue;
          }
          refill();
          if (tokens >= 1) {
            tokens -= 1;
            return;
          }
          await sleep(Math.ceil(((1 - tokens) / rate) * 1000), signal);
          if (round > 10_000) throw new Error('request budget: no token after 10,000 rounds'); // bounded loop
        }
      });
      // A caller that aborts must not stall the queue for the others.
      queue = turn.catch(() => {});
      return turn;
    },
    throttled(retryAfterMs) {
      pauseMs = retryAfterMs ?? Math.min(Math.max(pauseMs * 2, 1000), 60_000);
      pausedUntil = Math.max(pausedUntil, now() + pauseMs);
      rate = Math.max(floor, rate / 2);
      tokens = Math.min(tokens, 0);
    },
    answered() {
      rate = Math.min(requestsPerSecond, rate * 1.05);
      if (rate === requestsPerSecond) pauseMs = 0;
    },
  };
}
