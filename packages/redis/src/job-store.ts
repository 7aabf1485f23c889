// The durable JobStore of @a2e-sdk/client's tracker on Redis: the ledger of paid starts, webhook
// dedupe keys, the reconciler's lease and job outcomes shared by every instance (pub/sub, so a waiter
// in instance B resolves the moment instance A receives the webhook).
import type { Redis } from 'ioredis';
import { keys, type KeyOptions } from './keys.js';
import { BEGIN, LEASE, UPDATE } from './scripts.js';
import type { JobStore, LedgerEntry } from './types.js';

export interface RedisJobStoreOptions extends KeyOptions {
  /** How long a job outcome learned from a webhook is kept, in ms. Default 86,400,000 (one day). */
  outcomeTtlMs?: number;
  /**
   * How long a closed ledger entry (terminal or refused) is kept, in ms, for audit. Default
   * 2,592,000,000 (30 days). Open entries never expire: they are what a restart resumes.
   */
  closedTtlMs?: number;
}

type OutcomeListener = (family: string, jobId: string, record: unknown) => void;

export class RedisJobStore implements JobStore {
  private readonly k: ReturnType<typeof keys>;
  private readonly outcomeTtlMs: number;
  private readonly closedTtlMs: number;
  private subscriber: Redis | undefined;
  private readonly listeners = new Set<OutcomeListener>();

  /** `redis` stays the caller's: `close()` ends only the subscriber connection this store opened. */
  constructor(
    private readonly redis: Redis,
    options: RedisJobStoreOptions = {},
  ) {
    this.k = keys(options.prefix);
    this.outcomeTtlMs = options.outcomeTtlMs ?? 86_400_000;
    this.closedTtlMs = Math.max(1, Math.round(options.closedTtlMs ?? 2_592_000_000));
  }

  async begin(entry: LedgerEntry): Promise<void> {
    const written = await this.redis.eval(
      BEGIN,
      2,
      this.k.entry(entry.key),
      this.k.open,
      JSON.stringify(entry),
      entry.key,
    );
    if (written !== 1) throw new Error(`ledger entry ${entry.key} exists already`);
  }

  async update(key: string, patch: Partial<Omit<LedgerEntry, 'key'>>): Promise<boolean> {
    const done = await this.redis.eval(
      UPDATE,
      2,
      this.k.entry(key),
      this.k.open,
      JSON.stringify({ ...patch, updatedAt: Date.now() }),
      key,
      this.closedTtlMs,
    );
    return done === 1;
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    const raw = await this.redis.get(this.k.entry(key));
    return raw ? (JSON.parse(raw) as LedgerEntry) : undefined;
  }

  async open(): Promise<LedgerEntry[]> {
    const members = await this.redis.smembers(this.k.open);
    if (!members.length) return [];
    const raws = await this.redis.mget(members.map((m) => this.k.entry(m)));
    return raws
      .flatMap((raw) => (raw ? [JSON.parse(raw) as LedgerEntry] : []))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.k.claim(key), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
  }

  async lease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(LEASE, 1, this.k.lease(name), holder, Math.max(1, Math.round(ttlMs)))) === 1;
  }

  async putOutcome(family: string, jobId: string, record: unknown): Promise<void> {
    await this.redis.set(this.k.outcome(family, jobId), JSON.stringify(record ?? null), 'PX', this.outcomeTtlMs);
    await this.redis.publish(this.k.outcomes, JSON.stringify({ family, jobId, record: record ?? null }));
  }

  async getOutcome(family: string, jobId: string): Promise<unknown | undefined> {
    const raw = await this.redis.get(this.k.outcome(family, jobId));
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  }

  /** Outcomes put by any instance. The first listener opens one subscriber connection (pub/sub needs its own). */
  subscribe(listener: OutcomeListener): () => void {
    this.listeners.add(listener);
    if (!this.subscriber) {
      const sub = (this.subscriber = this.redis.duplicate());
      // This connection is ours, not the caller's: without a listener ioredis prints every failed reconnect.
      // A lost subscription costs only speed (trackers still read each interval), so errors are not raised.
      sub.on('error', () => {});
      sub.on('message', (_channel: string, message: string) => {
        let parsed: { family: string; jobId: string; record: unknown };
        try {
          parsed = JSON.parse(message);
        } catch {
          return;
        }
        for (const l of this.listeners) {
          try {
            l(parsed.family, parsed.jobId, parsed.record);
          } catch {
            /* a listener's failure is its own */
          }
        }
      });
      void sub.subscribe(this.k.outcomes).catch(() => {});
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once the subscriber (if any) is subscribed: outcomes published after this reach listeners. */
  async ready(): Promise<void> {
    if (this.subscriber) await this.subscriber.subscribe(this.k.outcomes);
  }

  async close(): Promise<void> {
    const sub = this.subscriber;
    this.subscriber = undefined;
    this.listeners.clear();
    if (sub) await sub.quit().catch(() => sub.disconnect());
  }
}
