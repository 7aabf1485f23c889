// Waiting on jobs for an agent: polls with the client's waiter, reports each status as an MCP progress
// notification, and on timeout hands back the job id (in the error text too) so the wait can resume.
import { JobFailedError, type A2EClient } from '@a2e-sdk/client';
import type { FamilyEntry } from './catalog.js';

export interface WaitSettings {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
  /** Called after each poll with the status read (the server turns it into `notifications/progress`). */
  onStatus?: (status: string | undefined, polls: number) => Promise<void> | void;
}

export interface JobView {
  family: string;
  jobId: string;
  status: string | undefined;
  /** Whether the status is terminal: `success`, `failure`, or still `pending`. */
  state: 'success' | 'failure' | 'pending';
  /** The result URLs the spec names for this family (`resultFields`), where the record holds them. */
  urls: Record<string, string>;
  record: unknown;
}

const isTerminal = (family: FamilyEntry, status: string) =>
  (family.success as readonly string[]).includes(status) || (family.failure as readonly string[]).includes(status);

export function viewOf(family: FamilyEntry, jobId: string, record: unknown): JobView {
  const row = (record ?? {}) as Record<string, unknown>;
  const status = row[family.statusField] as string | undefined;
  const state = (family.success as readonly string[]).includes(status ?? '')
    ? 'success'
    : (family.failure as readonly string[]).includes(status ?? '')
      ? 'failure'
      : 'pending';
  const urls: Record<string, string> = {};
  for (const field of family.resultFields as readonly string[]) {
    const v = row[field];
    if (typeof v === 'string' && v !== '') urls[field] = v;
  }
  return { family: family.family, jobId, status, state, urls, record };
}

/** The text an agent gets when a wait runs out: the job keeps running and this is how to resume. */
export function resumeHint(family: string, jobId: string): string {
  return `Job ${jobId} (${family}) is still running on A2E. Resume with wait_for_job {"family":"${family}","jobId":"${jobId}"}`;
}

export async function waitJob(a2e: A2EClient, family: FamilyEntry, jobId: string, s: WaitSettings): Promise<JobView> {
  let polls = 0;
  let pending = Promise.resolve();
  try {
    const record = await a2e.waitForJob(family.family as never, jobId, {
      timeoutMs: s.timeoutMs,
      intervalMs: s.intervalMs,
      maxIntervalMs: Math.max(s.intervalMs, 10_000),
      signal: s.signal,
      onProgress: (status) => {
        // The terminal status is in the result itself. Sent as a notification, it would reach the client in
        // the same read as the result, and the SDK's client drops a progress notification that it handles
        // after the response (it removes the request's progress handler first).
        if (status !== undefined && isTerminal(family, status)) return;
        polls += 1;
        const n = polls;
        pending = pending.then(() => s.onStatus?.(status, n)).catch(() => undefined);
      },
    });
    await pending;
    return viewOf(family, jobId, record);
  } catch (error) {
    await pending;
    if (error instanceof JobFailedError) return viewOf(family, jobId, error.job);
    throw error;
  }
}
