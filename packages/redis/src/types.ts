// The shapes @a2e-sdk/client's tracker and proxy expect of a store (packages/client/src/lib/tracker/store.ts).
// Kept here structurally until the client exports them from a server-only entry; a type test
// (test/types.test.ts) fails when the two drift apart.
export interface LedgerEntry {
  key: string;
  operationId: string;
  family: string;
  bodyHash: string;
  startedAt: number;
  state: 'sending' | 'submitted' | 'terminal' | 'refused';
  jobId?: string;
  status?: string;
  lookup?: Record<string, string>;
  updatedAt?: number;
}

export interface SharedSession {
  channel: string;
  secret: string;
  avatarId: string;
  credentials: { appId: string; channel: string; token: string; uid: number | string; expiresAt: string };
}
