// The default JobStore: this process's memory. It survives nothing — a restart forgets the ledger, and a
// second process sees none of it — so it serves resume() and webhook dedupe only within one process's
// life; `@a2e-sdk/redis` is the durable, shared store. Bounded: past `maxEntries` the oldest closed
// entries (terminal, refused) are dropped first, and only when every entry is open the oldest open ones
// (a process holding 10,000 unfinished starts in memory needs a durable store anyway); claim keys and
// outcomes expire or are capped at `maxKeys`.
import type { JobStore, LedgerEntry } from './store.js';

export interface MemoryStoreOptions {
  /** Ledger entries kept. Default 10,000. */
  maxEntries?: number;
  /** Claim keys kept (each also ends at its TTL). Default 100,000. */
  maxKeys?: number;
}

const closed = (e: LedgerEntry) => e.state === 'terminal' || e.state === 'refused';

export function createMemoryStore(options: MemoryStoreOptions = {}): JobStore {
  const { maxEntries = 10_000, maxKeys = 100_000 } = options;
  const entries = new Map<string, LedgerEntry>();
  const keys = new Map<string, number>();
  const leases = new Map<string, { holder: string; until: number }>();
  const outcomes = new Map<string, unknown>();
  const listeners = new Set<(family: string, jobId: string, record: unknown) => void>();
  const copy = (e: LedgerEntry): LedgerEntry => ({ ...e, ...(e.lookup && { lookup: { ...e.lookup } }) });

  const trim = () => {
    for (const [key, e] of entries) {
      if (entries.size <= maxEntries) return;
      if (closed(e)) entries.delete(key);
    }
    for (const key of entries.keys()) {
      if (entries.size <= maxEntries) return;
      entries.delete(key);
    }
  };

  return {
    async begin(entry) {
      if (entries.has(entry.key)) throw new Error(`ledger entry ${entry.key} exists already`);
      entries.set(entry.key, copy(entry));
      trim();
    },
    async update(key, patch) {
      const e = entries.get(key);
      if (!e) return false;
      entries.set(key, { ...e, ...patch, key, updatedAt: Date.now() });
      return true;
    },
    async get(key) {
      const e = entries.get(key);
      return e && copy(e);
    },
    async open() {
      return [...entries.values()]
        .filter((e) => !closed(e))
        .sort((a, b) => a.startedAt - b.startedAt)
        .map(copy);
    },
    async claim(key, ttlMs) {
      const now = Date.now();
      const until = keys.get(key);
      if (until !== undefined && until > now) return false;
      keys.delete(key);
      keys.set(key, now + ttlMs);
      for (const [k, t] of keys) {
        if (keys.size <= maxKeys && t > now) break;
        keys.delete(k);
      }
      return true;
    },
    async lease(name, holder, ttlMs) {
      const now = Date.now();
      const held = leases.get(name);
      if (held && held.until > now && held.holder !== holder) return false;
      leases.set(name, { holder, until: now + ttlMs });
      return true;
    },
    async putOutcome(family, jobId, record) {
      const k = `${family}:${jobId}`;
      outcomes.delete(k);
      outcomes.set(k, record);
      for (const [old] of outcomes) {
        if (outcomes.size <= maxKeys) break;
        outcomes.delete(old);
      }
      for (const l of [...listeners]) {
        try {
          l(family, jobId, record);
        } catch {
          /* a listener's failure is its own */
        }
      }
    },
    async getOutcome(family, jobId) {
      return outcomes.get(`${family}:${jobId}`);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
