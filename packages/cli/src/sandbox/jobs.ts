// The sandbox's job store. A started job gets a new id and walks its family's pending statuses, evenly
// spread over `jobDurationMs`, to the family's first success or failure status; or it waits for the
// control route when `jobDurationMs` is 0. When it ends, the webhook it was given is called once.
import { jobFamilies } from '@a2e-sdk/client/operations';

export type Outcome = 'complete' | 'fail';
type FamilyName = keyof typeof jobFamilies;

export interface SandboxJob {
  family: FamilyName;
  id: string;
  startedAt: number;
  outcome: Outcome;
  /** Set once the job is terminal (by time or by the control route). */
  ended?: Outcome;
  record: Record<string, unknown>;
  webhook?: { url: string; token?: string };
  timer?: NodeJS.Timeout;
}

export interface JobClock {
  jobDurationMs: number;
  now: () => number;
}

/** The record as it reads now: status from the time elapsed (or the ending), result or failure fields filled. */
export function currentRecord(job: SandboxJob, clock: JobClock, resultUrl: string): Record<string, unknown> {
  const f = jobFamilies[job.family];
  const pending = f.pending as readonly string[];
  const record = { ...job.record };
  let status: string;
  if (job.ended) {
    status = job.ended === 'complete' ? f.success[0]! : (f.failure[0] ?? 'failed');
  } else {
    const fraction = clock.jobDurationMs > 0 ? (clock.now() - job.startedAt) / clock.jobDurationMs : 0;
    status = pending[Math.min(pending.length - 1, Math.floor(fraction * pending.length))] ?? pending[0] ?? 'pending';
  }
  record[f.statusField] = status;
  // A result field the start's record holds as a list (image families' `image_urls`) stays a list.
  if (job.ended === 'complete')
    for (const field of f.resultFields) record[field] = Array.isArray(job.record[field]) ? [resultUrl] : resultUrl;
  if (job.ended === 'fail' && f.messageFields[0]) record[f.messageFields[0]] = 'failed in the sandbox (as configured)';
  return record;
}

export const familyOf = (name: string) => jobFamilies[name as FamilyName];
export { jobFamilies };
