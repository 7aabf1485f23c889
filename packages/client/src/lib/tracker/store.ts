// The JobStore: what the tracker, the ledger, the webhook receiver and the reconciler keep between calls
// and share between processes. The memory store here is the default and survives nothing — not a
// restart, not a second process; `@a2e-sdk/redis` is the durable, shared one.

/** One paid job start, written before it is sent and completed when its answer arrives. */
export interface LedgerEntry {
  /** Unique per start. */
  key: string;
  operationId: string;
  family: string;
  /** SHA-256 of the body as sent (webhook token excluded): tells two starts apart without storing the body. */
  bodyHash: string;
  /** A few fields a list answer carries too (name, source URL), to find a start that may have gone through. */
  lookup: Record<string, string>;
  startedAt: number;
  /**
   * `sending`: written, answer not seen — after a crash, *maybe submitted*. `submitted`: the job id is
   * known and the job not yet seen terminal. `done`: seen terminal (or the start was refused).
   */
  state: 'sending' | 'submitted' | 'done';
  jobId?: string;
  submittedAt?: number;
  /** Started with a webhook: the reconciler re-reads it when no webhook came within the grace period. */
  webhook?: boolean;
  /** When a webhook for the job arrived. */
  webhookAt?: number;
  outcome?: 'success' | 'failure' | 'refused';
}

/** A job a webhook (or the reconciler) says has ended: every tracker on the store reads it now. */
export interface JobNotice { family: string; id: string }

export interface JobStore {
  /** Writes (or overwrites) an entry. */
  putEntry(entry: LedgerEntry): Promise<void>;
  getEntry(key: string): Promise<LedgerEntry | undefined>;
  /** The entry of a submitted job, by family and job id. */
  findEntry(family: string, jobId: string): Promise<LedgerEntry | undefined>;
  /** Every entry not `done`, oldest first. */
  openEntries(): Promise<LedgerEntry[]>;
  /** Sets `key` unless it exists, atomically across processes; true when this call set it. */
  setIfAbsent(key: string, ttlMs: number): Promise<boolean>;
  /** Takes the lease `name` for `holder`, or renews it when `holder` has it; true when `holder` holds it now. */
  lease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  publish(notice: JobNotice): Promise<void>;
  /** Receives every notice published on the store (by any process); returns the unsubscribe. */
  subscribe(handler: (notice: JobNotice) => void): Promise<() => Promise<void> | void>;
}

export interface MemoryStoreOptions {
  /** Entries kept; past this the oldest `done` ones are dropped. Default 10,000. */
  maxEntries?: number;
  /** Set-if-absent keys kept (each also ends at its TTL). Default 100,000. */
  maxKeys?: number;
}

/**
 * The default store: one process's memory. It deduplicates webhooks and serves resume() only within this
 * process's life; a crash loses the ledger. Bounded: past `maxEntries` finished entries are dropped first
 * (open ones are kept, so nothing pending is forgotten silently), and keys expire.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): JobStore {
  const { maxEntries = 10_000, maxKeys = 100_000 } = options;
  const entries = new Map<string, LedgerEntry>();
  const byJob = new Map<string, string>();
  const keys = new Map<string, number>();
  const leases = new Map<string, { holder: string; until: number }>();
  const handlers = new Set<(notice: JobNotice) => void>();
  const copy = (e: LedgerEntry): LedgerEntry => ({ ...e, lookup: { ...e.lookup } });

  const trim = () => {
    if (entries.size <= maxEntries) return;
    for (const [key, e] of entries) {
      if (entries.size <= maxEntries) break;
      if (e.state === 'done') { entries.delete(key); if (e.jobId) byJob.delete(`${e.family}:${e.jobId}`); }
    }
  };

  return {
    async putEntry(entry) {
      entries.delete(entry.key); // re-insert: Map order is the order of last writes
      entries.set(entry.key, copy(entry));
      if (entry.jobId) byJob.set(`${entry.family}:${entry.jobId}`, entry.key);
      trim();
    },
    async getEntry(key) {
      const e = entries.get(key);
      return e && copy(e);
    },
    async findEntry(family, jobId) {
      const key = byJob.get(`${family}:${jobId}`);
      const e = key ? entries.get(key) : undefined;
      return e && copy(e);
    },
    async openEntries() {
      return [...entries.values()].filter((e) => e.state !== 'done').sort((a, b) => a.startedAt - b.startedAt).map(copy);
    },
    async setIfAbsent(key, ttlMs) {
      const now = Date.now();
      const until = keys.get(key);
      if (until !== undefined && until > now) return false;
      keys.delete(key);
      keys.set(key, now + ttlMs);
      for (const [k, t] of keys) { if (keys.size <= maxKeys && t > now) break; keys.delete(k); }
      return true;
    },
    async lease(name, holder, ttlMs) {
      const now = Date.now();
      const held = leases.get(name);
      if (held && held.until > now && held.holder !== holder) return false;
      leases.set(name, { holder, until: now + ttlMs });
      return true;
    },
    async publish(notice) {
      for (const h of [...handlers]) { try { h(notice); } catch { /* one handler's failure is not another's */ } }
    },
    async subscribe(handler) {
      handlers.add(handler);
      return () => { handlers.delete(handler); };
    },
  };
}
