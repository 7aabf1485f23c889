// useA2EJob: a job's progress in a component. It runs the client's own waiter (`waitForJob`), so the
// terminal statuses (from the spec's job families) and the backoff between polls (`pollUntil`) are the
// ones `client.waitFor.<family>` uses; this file adds only React state and cancellation.
import type { JobFamily, JobRecord, PollOptions } from '@a2e-sdk/client';
import { useEffect, useState } from 'react';
import { useA2EClient } from '../provider.js';

export interface A2EJobOptions extends Omit<PollOptions, 'signal'> {
  /** Set false to stop (or not start) polling. Default true. */
  enabled?: boolean;
  /** How often `elapsedMs` advances between polls, in ms; 0 updates it only at polls. Default 1000. */
  tickMs?: number;
}

export interface A2EJobState<F extends JobFamily> {
  /** `idle` (no id or disabled), `polling`, `success` (a success status), `error` (a failure status, timeout or failed call). */
  phase: 'idle' | 'polling' | 'success' | 'error';
  /** The last status read, as the server spells it. */
  status: string | undefined;
  /** The last record read. */
  record: JobRecord<F> | undefined;
  /** JobFailedError, JobTimedOutError or the error of the status call. */
  error: Error | undefined;
  /** Time since polling started, in ms; frozen once the job ends. */
  elapsedMs: number;
  /** Status reads so far. */
  polls: number;
  isPolling: boolean;
}

const IDLE = {
  phase: 'idle',
  status: undefined,
  record: undefined,
  error: undefined,
  elapsedMs: 0,
  polls: 0,
  isPolling: false,
} as const;

/**
 * Polls job `id` of `family` until a terminal status, with the client's waiter. Stops on unmount, on a
 * terminal status, on an error, when `enabled` turns false, and restarts when `family` or `id` change.
 */
export function useA2EJob<F extends JobFamily>(
  family: F,
  id: string | null | undefined,
  options: A2EJobOptions = {},
): A2EJobState<F> {
  const client = useA2EClient();
  const { enabled = true, tickMs = 1000, intervalMs, backoffFactor, maxIntervalMs, timeoutMs } = options;
  const [state, setState] = useState<A2EJobState<F>>(IDLE);

  useEffect(() => {
    if (!id || !enabled) {
      setState(IDLE);
      return;
    }
    const controller = new AbortController();
    const startedAt = Date.now();
    const elapsed = () => Date.now() - startedAt;
    let polls = 0;
    setState({ ...IDLE, phase: 'polling', isPolling: true });
    const ticker =
      tickMs > 0
        ? setInterval(() => setState((s) => (s.isPolling ? { ...s, elapsedMs: elapsed() } : s)), tickMs)
        : undefined;
    const stop = () => {
      clearInterval(ticker);
      controller.abort();
    };

    client
      .waitForJob(family, id, {
        intervalMs,
        backoffFactor,
        maxIntervalMs,
        timeoutMs,
        signal: controller.signal,
        onProgress: (status, record) => {
          polls++;
          if (!controller.signal.aborted) setState((s) => ({ ...s, status, record, polls, elapsedMs: elapsed() }));
        },
      })
      .then(
        (record) => {
          if (controller.signal.aborted) return;
          clearInterval(ticker);
          setState((s) => ({ ...s, phase: 'success', record, isPolling: false, elapsedMs: elapsed() }));
        },
        (error: Error) => {
          if (controller.signal.aborted) return; // our own stop, not a failure
          clearInterval(ticker);
          setState((s) => ({ ...s, phase: 'error', error, isPolling: false, elapsedMs: elapsed() }));
        },
      );
    return stop;
  }, [client, family, id, enabled, tickMs, intervalMs, backoffFactor, maxIntervalMs, timeoutMs]);

  return state;
}
