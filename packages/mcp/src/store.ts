// Where confirmations and spending live. Every method is async and each mutation is one atomic step, so a
// shared store (Redis, for several server instances) can implement the same interface; the default keeps
// everything in this process's memory.

/** What a quote (or, for an unpriced operation, a prepare step) handed out. */
export interface Confirmation {
  token: string;
  /** The MCP session it was issued to; it is refused in any other. */
  sessionId: string;
  operationId: string;
  /** `requestHash(operationId, input)`: the exact request it allows. */
  hash: string;
  /** Quoted credits, or undefined when A2E's quote does not price the operation. */
  credits: number | undefined;
  expiresAt: number;
}

/** The first use's outcome, handed to every later use of the same confirmation. */
export type Outcome = { ok: true; data: unknown } | { ok: false; message: string };

export type Claim = { state: 'first' } | { state: 'running' } | { state: 'done'; outcome: Outcome };

export interface SafetyStore {
  saveConfirmation(confirmation: Confirmation): Promise<void>;
  getConfirmation(token: string): Promise<Confirmation | undefined>;
  /** Marks a confirmation used. Exactly one caller ever gets `first`; later ones see `running` or the outcome. */
  claim(token: string): Promise<Claim>;
  /** Stores the first use's outcome for good (it outlives the confirmation's expiry). */
  settle(token: string, outcome: Outcome): Promise<void>;
  /** Adds `credits` to the session's spending if the total stays within `maxCredits`; false (nothing added) otherwise. */
  reserveCredits(sessionId: string, credits: number, maxCredits: number): Promise<boolean>;
  /** Takes back a reservation whose call A2E refused (nothing was started). */
  releaseCredits(sessionId: string, credits: number): Promise<void>;
  spentCredits(sessionId: string): Promise<number>;
}

/** The default store: plain maps in memory, lost on restart (so are the confirmations it issued). */
export function createMemoryStore(): SafetyStore {
  const confirmations = new Map<string, Confirmation>();
  const uses = new Map<string, Outcome | 'running'>();
  const spent = new Map<string, number>();
  return {
    async saveConfirmation(c) {
      // Drop expired, unused confirmations so a long session does not grow without bound.
      const now = Date.now();
      for (const [token, old] of confirmations)
        if (old.expiresAt < now && !uses.has(token)) confirmations.delete(token);
      confirmations.set(c.token, c);
    },
    async getConfirmation(token) {
      return confirmations.get(token);
    },
    async claim(token) {
      const use = uses.get(token);
      if (use === undefined) {
        uses.set(token, 'running');
        return { state: 'first' };
      }
      return use === 'running' ? { state: 'running' } : { state: 'done', outcome: use };
    },
    async settle(token, outcome) {
      uses.set(token, outcome);
    },
    async reserveCredits(sessionId, credits, maxCredits) {
      const total = (spent.get(sessionId) ?? 0) + credits;
      if (total > maxCredits) return false;
      spent.set(sessionId, total);
      return true;
    },
    async releaseCredits(sessionId, credits) {
      spent.set(sessionId, Math.max(0, (spent.get(sessionId) ?? 0) - credits));
    },
    async spentCredits(sessionId) {
      return spent.get(sessionId) ?? 0;
    },
  };
}
