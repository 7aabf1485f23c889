// After a restart: every start the ledger knows is either re-attached to a waiter (its job id is known)
// or reported as maybe submitted (the process died between writing the entry and reading the answer).
// A maybe-submitted start is never resent: `candidates()` looks for it among the family's recent
// records by the fields a list row carries, and a person or the application decides.
import { jobs, paging } from '../../generated/api.gen.js';
import type { Call } from '../../core/call.js';
import type { JobFamily, JobRecord, OperationId } from '../../types.js';
import { rowsAt, type JobRow } from './answer-shapes.js';
import type { JobTracker, TrackOptions } from './tracker.js';
import type { JobStore, LedgerEntry } from './store.js';

/** How far before a start's entry a record may be dated and still be a candidate (clocks differ). */
const CLOCK_SLACK_MS = 5 * 60_000;

export interface ResumedJob {
  entry: LedgerEntry;
  family: JobFamily;
  id: string;
  done: Promise<JobRecord<JobFamily>>;
}
export interface MaybeSubmitted {
  entry: LedgerEntry;
  /** Recent records of the family that could be this start (same name or source URL, created after it began). */
  candidates(): Promise<JobRow[]>;
  /** Marks the entry handled (found, or given up on), so resume() stops reporting it. */
  dismiss(jobId?: string): Promise<void>;
}
export interface ResumeReport {
  resumed: ResumedJob[];
  maybeSubmitted: MaybeSubmitted[];
}

/** `known(family, id, key)` is told each job re-attached, so its entry is closed when it ends. */
export async function resumeJobs(
  store: JobStore,
  tracker: JobTracker,
  call: Call,
  options: TrackOptions = {},
  known: (family: string, id: string, key: string) => void = () => {},
): Promise<ResumeReport> {
  const report: ResumeReport = { resumed: [], maybeSubmitted: [] };
  for (const entry of await store.open()) {
    const family = entry.family as JobFamily;
    if (!Object.hasOwn(jobs, family)) continue;
    if (entry.state === 'submitted' && entry.jobId) {
      known(family, entry.jobId, entry.key);
      report.resumed.push({
        entry,
        family,
        id: entry.jobId,
        done: tracker.track(family, entry.jobId, options as never),
      });
      continue;
    }
    report.maybeSubmitted.push({
      entry,
      candidates: () => findCandidates(call, entry),
      dismiss: async (jobId) => {
        await store.update(entry.key, jobId ? { state: 'submitted', jobId } : { state: 'refused' });
      },
    });
  }
  return report;
}

/** The family's first list page, filtered to records created after the start began that share a look-up field. */
export async function findCandidates(call: Call, entry: LedgerEntry): Promise<JobRow[]> {
  const op =
    (jobs[entry.family as JobFamily] as { listOperation?: string }).listOperation ??
    (jobs[entry.family as JobFamily].idIn === 'list' ? jobs[entry.family as JobFamily].statusOperation : undefined);
  const spec = op ? (paging as Record<string, { page: string; size: string; items: string }>)[op] : undefined;
  if (!op || !spec) return [];
  const { body } = await call(op as OperationId, { [spec.page]: 1, [spec.size]: 100 } as never);
  const rows = rowsAt(body, spec.items) ?? [];
  const lookups = Object.entries(entry.lookup ?? {});
  return rows.filter((row) => {
    const created = Date.parse(String(row.createdAt ?? row.created_at ?? ''));
    if (Number.isFinite(created) && created < entry.startedAt - CLOCK_SLACK_MS) return false;
    return lookups.some(([k, v]) => row[k] === v);
  });
}
