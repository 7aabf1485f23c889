// Whether a record's status is one the spec knows. jobOutcome (core/job-outcome.ts) decides success and
// failure; this adds the third answer a poller needs so it cannot hang: a status no reading of the family
// lists (or no status field at all) is *unknown*, which the tracker reports and, repeated, gives up on.
import { jobs } from '../../generated/api.gen.js';
import { jobOutcome } from '../job-outcome.js';
import { A2EError } from '../../core/errors.js';
import type { JobFamily } from '../../types.js';

interface Reading {
  readonly statusField?: string;
  readonly pending?: readonly string[];
  readonly success?: readonly string[];
  readonly failure?: readonly string[];
}

export type JobState = 'pending' | 'success' | 'failure' | 'unknown';

/** The state of `record` and the status as the server spelled it (the first status field present). */
export function classify(
  name: JobFamily,
  record: Record<string, unknown> | undefined,
): { state: JobState; status: string | undefined } {
  const outcome = jobOutcome(name, record);
  if (outcome.state !== 'pending') return outcome;
  const family = jobs[name] as Reading & { readonly alternatives?: readonly Reading[] };
  for (const r of [family, ...(family.alternatives ?? [])]) {
    const value = r.statusField ? record?.[r.statusField] : undefined;
    if (typeof value === 'string' && r.pending?.includes(value)) return { state: 'pending', status: value };
  }
  return { state: 'unknown', status: outcome.status };
}

/**
 * The job's record kept reporting a status the spec does not list for its family (or none), so the wait
 * ended instead of polling until the timeout. `job` is the last record read; the job may well be done —
 * read it, and report the value so the spec can learn it.
 */
export class JobStatusUnknownError extends A2EError {
  override name = 'JobStatusUnknownError';
  constructor(
    readonly family: string,
    readonly jobId: string,
    readonly status: string | undefined,
    readonly job: unknown,
    readonly polls: number,
  ) {
    super(
      `${family} job ${jobId}: ${status === undefined ? 'no status field' : `status "${status}" is not one the spec lists`} in ${polls} reads in a row; the wait ended (the job may be finished: read its record)`,
    );
  }
}
