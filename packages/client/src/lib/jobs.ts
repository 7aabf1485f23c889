// Job waiters, one per job family of the spec (x-a2e-job-status), all through the client's job tracker
// (lib/tracker/): the options they take, how one job's record is read, and the waiter per family.
import { jobs } from '../generated/api.gen.js';
import type { JobFamily, JobRecord, OperationId } from '../types.js';
import type { PollOptions } from '../core/poll.js';
import type { Call } from '../core/call.js';

export interface WaitOptions<R = unknown> extends PollOptions {
  /** Called after every poll with the status read and the whole record. */
  onProgress?: (status: string | undefined, record: R) => void;
  /** Called when the record holds no status, or one the spec does not list for the family (the client's waiters). */
  onUnknownStatus?: (status: string | undefined, record: R | undefined) => void;
  /** Unknown reads in a row before the wait ends with JobStatusUnknownError (the client's waiters). Default 10. */
  maxUnknownPolls?: number;
}

type Family = { [K in keyof typeof jobs]: (typeof jobs)[K] }[keyof typeof jobs];

const firstRow = (data: unknown) => (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined;
const rowsOf = (data: unknown): unknown[] =>
  Array.isArray(data) ? data : ((data as { rows?: unknown[] })?.rows ?? []);

/** Reads one job's record with the family's status operation, wherever that operation takes the id. */
export async function readJob(
  call: Call,
  name: JobFamily,
  id: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  const family: Family = jobs[name];
  const op = family.statusOperation as OperationId;
  if (family.idIn === 'list') {
    // No detail call: the status is read from the newest page of the family's list.
    const { data } = await call(op, {} as never, { signal });
    return rowsOf(data).find((row) => (row as Record<string, unknown>)?.[family.idParam] === id) as
      | Record<string, unknown>
      | undefined;
  }
  const { data } = await call(op, { [family.idParam]: id } as never, { signal });
  return firstRow(data);
}

/** The job id in a start operation's `data` (the first record's, where a start answers several). */
export function jobIdOf(name: JobFamily, data: unknown): string | undefined {
  const id = firstRow(data)?.[jobs[name].idField];
  return typeof id === 'string' ? id : undefined;
}

export type Waiters = { [F in JobFamily]: (id: string, options?: WaitOptions<JobRecord<F>>) => Promise<JobRecord<F>> };

/** A waiter per family over `wait` (the client's job tracker); `Waiters` gives each its family's record type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createWaiters(
  wait: (name: JobFamily, id: string, options?: WaitOptions<any>) => Promise<unknown>,
): Waiters {
  const waiters = {} as Record<string, unknown>;
  for (const name of Object.keys(jobs) as JobFamily[]) {
    waiters[name] = (id: string, options?: WaitOptions) => wait(name, id, options as never);
  }
  return waiters as Waiters;
}
