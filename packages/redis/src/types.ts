// The shapes come from @a2e-sdk/client (its tracker and proxy take these stores): one definition, no drift.
export type { JobStore, LedgerEntry, SessionStore, SharedSession } from '@a2e-sdk/client';
