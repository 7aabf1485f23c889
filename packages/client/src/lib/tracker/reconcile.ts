// The reconciler: A2E sends each webhook once, with no retry, so a receiver that was down loses the
// result. Every job started with a webhook whose entry is still open after a grace period is read
// again (the detail call is the truth); a terminal one is closed in the ledger and announced as an
// outcome, so waiters in every instance resolve. One instance at a time runs it (a lease in the store).
import { readJob } from '../jobs.js';
import type { Call } from '../../core/call.js';
import type { LogEvent } from '../../internal/transport.js';
import type { JobFamily } from '../../types.js';
import { jobs } from '../../generated/api.gen.js';
import { classify } from './status.js';
import type { JobStore, LedgerEntry } from './store.js';

/** A webhook that has not come within 15 minutes of its job's start is not waited for any longer. */
export const DEFAULT_RECONCILE_GRACE_MS = 15 * 60_000;
/** Default wait between rounds. */
export const DEFAULT_RECONCILE_INTERVAL_MS = 60_000;
/** Jobs read per round at most, so one round stays bounded whatever the backlog. */
const MAX_PER_ROUND = 200;
const LEASE = 'a2e:reconciler';

export interface ReconcilerOptions {
  /** The client whose calls read the jobs (`createA2EClient(...)`). */
  client: { call: Call };
  store: JobStore;
  /** How long after its start (or its last read) a job's webhook is waited for. Default 15 minutes. */
  graceMs?: number;
  /** Wait between rounds. Default 60000. */
  intervalMs?: number;
  /** This instance's name for the lease. Default: a random id. */
  holder?: string;
  logger?: (event: LogEvent) => void;
}

export interface ReconcileRound {
  /** False when another instance holds the lease (this one read nothing). */
  leader: boolean;
  read: number;
  /** Entries found terminal, closed and announced. */
  settled: LedgerEntry[];
}

export interface Reconciler {
  /** One round now (also what the timer runs). */
  runOnce(): Promise<ReconcileRound>;
  stop(): void;
}

export function startReconciler(options: ReconcilerOptions): Reconciler {
  const { store, graceMs = DEFAULT_RECONCILE_GRACE_MS, intervalMs = DEFAULT_RECONCILE_INTERVAL_MS } = options;
  const holder = options.holder ?? crypto.randomUUID();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function runOnce(): Promise<ReconcileRound> {
    // The lease outlives two rounds, so a leader that dies hands over within that time.
    if (!(await store.lease(LEASE, holder, intervalMs * 2 + 1000))) return { leader: false, read: 0, settled: [] };
    const now = Date.now();
    const stale = (await store.open())
      .filter(
        (e) =>
          e.state === 'submitted' &&
          e.webhook &&
          e.jobId &&
          Object.hasOwn(jobs, e.family) &&
          (e.updatedAt ?? e.startedAt) + graceMs <= now,
      )
      .slice(0, MAX_PER_ROUND);
    const settled: LedgerEntry[] = [];
    let read = 0;
    for (const entry of stale) {
      const family = entry.family as JobFamily;
      try {
        read++;
        const record = await readJob(options.client.call, family, entry.jobId!);
        const { state, status } = classify(family, record);
        if (state === 'success' || state === 'failure') {
          await store.update(entry.key, { state: 'terminal', ...(status !== undefined && { status }) });
          await store.putOutcome(family, entry.jobId!, record);
          settled.push({ ...entry, state: 'terminal', ...(status !== undefined && { status }) });
        } else {
          // Still running: looked at again one grace period from now.
          await store.update(entry.key, {});
        }
      } catch (e) {
        try {
          options.logger?.({
            type: 'tracker',
            event: 'reconcile-failed',
            family,
            detail: `job ${entry.jobId}: ${(e as Error).name}`,
          });
        } catch {
          /* ignored */
        }
      }
    }
    return { leader: true, read, settled };
  }

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce()
        .catch(() => {})
        .finally(loop);
    }, intervalMs);
  };
  loop();
  return {
    runOnce,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
