// The waiter the client had before its job tracker: one poller per job, each reading its own job's record
// at its own interval. Kept only as the baseline `bench/tracking.ts` measures the tracker against.
import { JobFailedError, JobTimedOutError } from '../src/core/errors.js';
import type { Call } from '../src/core/call.js';
import { pollUntil } from '../src/core/poll.js';
import { jobFailureMessage, jobOutcome } from '../src/lib/job-outcome.js';
import { readJob, type WaitOptions } from '../src/lib/jobs.js';
import type { JobFamily, JobRecord } from '../src/types.js';

type Redact = <T>(value: T) => T;
const unchanged: Redact = (v) => v;

/**
 * Polls one job until a terminal status — of the family's status field or of any alternative the spec
 * declares — and resolves to its record, or throws JobFailedError / JobTimedOutError. The record and the
 * failure text in those errors pass through `redact`: a server may echo the key there.
 */
export function waitForJobPerId<F extends JobFamily>(
  call: Call,
  name: F,
  id: string,
  options: WaitOptions<JobRecord<F>> = {},
  redact: Redact = unchanged,
): Promise<JobRecord<F>> {
  let last: Record<string, unknown> | undefined;
  return pollUntil<JobRecord<F>>(
    async (signal) => {
      last = await readJob(call, name, id, signal);
      const { state, status } = jobOutcome(name, last);
      options.onProgress?.(status, last as JobRecord<F>);
      if (state === 'success') return { done: true, value: last as JobRecord<F> };
      if (state === 'failure')
        throw new JobFailedError(name, id, redact(status!), redact(last), redact(jobFailureMessage(name, last)));
      return { done: false };
    },
    () => new JobTimedOutError(name, id, options.timeoutMs ?? 3_600_000, redact(last)),
    options,
  );
}
