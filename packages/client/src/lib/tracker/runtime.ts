// What a client loads the first time it waits for a job, starts one, or resumes: the tracker, the ledger
// of starts on the client's store, resume(), and the link from the store's notices (webhooks, other
// processes) to the tracker. Loaded on first use, so clients that never wait do not carry it.
import type { Call } from '../../core/call.js';
import type { LogEvent } from '../../internal/transport.js';
import type { JobFamily } from '../../types.js';
import { createLedger, type StartLedger } from './ledger.js';
import { createMemoryStore } from './memory-store.js';
import { resumeJobs, type ResumeReport } from './resume.js';
import type { JobStore } from './store.js';
import { createJobTracker, type JobTracker, type TrackOptions } from './tracker.js';

export interface JobsRuntimeOptions {
  call: Call;
  redact: <T>(value: T) => T;
  logger?: ((event: LogEvent) => void) | undefined;
  store?: JobStore | undefined;
  requestsPerSecond?: number | undefined;
  maxUnknownPolls?: number | undefined;
}

export interface JobsRuntime {
  tracker: JobTracker;
  ledger: StartLedger;
  store: JobStore;
  resume(options?: TrackOptions): Promise<ResumeReport>;
}

export async function createJobsRuntime(options: JobsRuntimeOptions): Promise<JobsRuntime> {
  const store = options.store ?? createMemoryStore();
  // Ledger keys of the jobs this process knows, so an entry is closed when the tracker sees its job end.
  const keys = new Map<string, string>();
  const know = (family: string, id: string, key: string) => {
    keys.set(`${family}:${id}`, key);
  };
  const logStoreFailure = (e: unknown) => {
    try {
      options.logger?.({
        type: 'tracker',
        event: 'ledger-failed',
        family: '',
        detail: `the store refused a ledger write (${(e as Error)?.name})`,
      } as LogEvent);
    } catch {
      /* ignored */
    }
  };
  const tracker = createJobTracker({
    call: options.call,
    redact: options.redact,
    logger: options.logger,
    ...(options.requestsPerSecond !== undefined && { requestsPerSecond: options.requestsPerSecond }),
    ...(options.maxUnknownPolls !== undefined && { maxUnknownPolls: options.maxUnknownPolls }),
    onTerminal: (family, id, state, status) => {
      const key = keys.get(`${family}:${id}`);
      if (!key) return;
      keys.delete(`${family}:${id}`);
      store.update(key, { state: 'terminal', ...(status !== undefined && { status }) }).catch(logStoreFailure);
      void state;
    },
  });
  // An outcome put by any process sharing the store (a webhook it received) has the tracker read that
  // job at once: the read record, not the webhook's payload, decides.
  store.subscribe?.((family, jobId) => tracker.poke(family as JobFamily, jobId));
  return {
    tracker,
    store,
    ledger: createLedger(store, know),
    resume: (opts) => resumeJobs(store, tracker, options.call, opts, know),
  };
}
