// The seam between the job tracker and where its state lives. Memory (the default) survives nothing: a
// restart forgets every entry. A durable store (e.g. @a2e-sdk/redis) keeps the ledger, the webhook
// dedupe keys, job outcomes, leases and shared streaming sessions across processes and restarts.

/** One paid start, written before it is sent and completed when its answer arrives. */
export interface LedgerEntry {
  /** Unique per start (chosen by the client, e.g. a random UUID). */
  key: string;
  operationId: string;
  family: string;
  /** A hash of the request body: the same body sent twice is visible, the body itself is never stored. */
  bodyHash: string;
  /** When the start was written, ms since the epoch. */
  startedAt: number;
  /**
   * `sending`: written, answer not read — after a crash this is *maybe submitted* and is never resent blindly.
   * `submitted`: the answer named a job id. `terminal`: the job ended. `refused`: the start failed with no job.
   */
  state: 'sending' | 'submitted' | 'terminal' | 'refused';
  jobId?: string;
  /** The terminal status as the server spelled it. */
  status?: string;
  /** Fields a list answer carries (name, source URL) to find a maybe-submitted start among recent records. */
  lookup?: Record<string, string>;
  updatedAt?: number;
  /** Started with a webhook: the reconciler re-reads it when no webhook came within its grace period. */
  webhook?: boolean;
}

export interface JobStore {
  /** Records a start before it is sent. Rejects if `key` exists. */
  begin(entry: LedgerEntry): Promise<void>;
  /** Merges `patch` into the entry `key` (state, jobId, status); resolves false when there is no such entry. */
  update(key: string, patch: Partial<Omit<LedgerEntry, 'key'>>): Promise<boolean>;
  get(key: string): Promise<LedgerEntry | undefined>;
  /** Every entry not `terminal` or `refused`: what `tracker.resume()` re-attaches to. */
  open(): Promise<LedgerEntry[]>;

  /** Atomic set-if-absent with a lifetime: true for the first caller (any instance), false after. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** A lease held by one instance at a time (e.g. the webhook reconciler); renewing by its holder succeeds. */
  lease(name: string, holder: string, ttlMs: number): Promise<boolean>;

  /** A job's outcome as learned by any instance (a webhook), so waiters in every instance resolve. */
  putOutcome(family: string, jobId: string, record: unknown): Promise<void>;
  getOutcome(family: string, jobId: string): Promise<unknown | undefined>;
  /** Called for outcomes put by any instance (optional: a store without it is read each interval). */
  subscribe?(listener: (family: string, jobId: string, record: unknown) => void): () => void;
}

/**
 * A streaming session as every proxy process needs it to act on it: no RTC token and no browser secret,
 * only the secret's SHA-256, so what the store holds cannot join or drive a session.
 */
export interface SharedSession {
  channel: string;
  /** SHA-256 (hex) of the browser's session secret; the proxy compares digests in constant time. */
  secretHash: string;
  avatarId: string;
  /** When A2E ends the session (ISO 8601). */
  expiresAt: string;
  /** The `maxSessions` slot the session holds, given back once it has been left. */
  slot?: string;
}

export interface SessionStore {
  /** Takes a slot if fewer than `max` are held (atomic across processes); the slot lapses after `ttlMs`. */
  reserve(slot: string, max: number, ttlMs: number): Promise<boolean>;
  /** Gives a slot back (a failed start, or a session A2E confirmed left). */
  release(slot: string): Promise<void>;
  put(session: SharedSession, ttlMs: number): Promise<void>;
  get(channel: string): Promise<SharedSession | undefined>;
  remove(channel: string): Promise<void>;
  /** Sessions whose expiry has passed: to leave and remove. */
  expired(now: number): Promise<SharedSession[]>;
}
