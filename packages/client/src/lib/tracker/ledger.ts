// The ledger of paid starts. Every job start is written to the store *before* it is sent (operation,
// a hash of the body, a few look-up fields, the time) and completed with the job id when the answer
// arrives. A process that dies in between leaves a `sending` entry: the start may or may not have gone
// through, so it is reported as maybe submitted and never resent blindly.
import { jobs } from '../../generated/api.gen.js';
import { familyOfStart } from '../../internal/table.js';
import { APIError } from '../../core/errors.js';
import type { JobFamily } from '../../types.js';
import type { JobStore, LedgerEntry } from './store.js';

/** Body fields kept for finding a maybe-submitted job in the family's list: what a list row shows too. */
const LOOKUP = /^(name|title|.+_url)$/;
const NEVER_KEPT = /token|key|secret|password|webhook/i;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the call path needs of the ledger (core/call.ts): open an entry before sending, close it after. */
export interface StartLedger {
  /** Writes a `sending` entry for a start about to be sent; resolves to its key. */
  begin(operationId: string, body: Record<string, unknown>): Promise<string>;
  /** The answer: its `data` when it came back `code: 0`, the error otherwise. */
  end(key: string, outcome: { data: unknown } | { error: unknown }): Promise<void>;
}

/** `submitted(family, id, key)` is told every job id the ledger learns (the tracker closes its entry later). */
export function createLedger(
  store: JobStore,
  submitted: (family: string, id: string, key: string) => void = () => {},
): StartLedger {
  return {
    async begin(operationId, body) {
      const family = familyOfStart.get(operationId)!;
      // The webhook token is a secret: it never goes into anything stored, not even a hash.
      const { webhook_token: _, ...sent } = body;
      const lookup: Record<string, string> = {};
      for (const [k, v] of Object.entries(body))
        if (typeof v === 'string' && LOOKUP.test(k) && !NEVER_KEPT.test(k)) lookup[k] = v.slice(0, 2048);
      const entry: LedgerEntry = {
        key: crypto.randomUUID(),
        operationId,
        family,
        bodyHash: await sha256(JSON.stringify(sent)),
        lookup,
        startedAt: Date.now(),
        state: 'sending',
        ...(typeof body.webhook_url === 'string' && { webhook: true }),
      };
      await store.begin(entry);
      return entry.key;
    },
    async end(key, outcome) {
      if ('data' in outcome) {
        const entry = await store.get(key);
        if (!entry) return;
        const row = (Array.isArray(outcome.data) ? outcome.data[0] : outcome.data) as
          | Record<string, unknown>
          | undefined;
        const id = row?.[jobs[entry.family as JobFamily].idField];
        // An answer without an id leaves the entry `sending`: maybe submitted, for a person to look up.
        if (typeof id !== 'string' && typeof id !== 'number') return;
        await store.update(key, { state: 'submitted', jobId: String(id) });
        submitted(entry.family, String(id), key);
        return;
      }
      // A 4xx answer or a non-zero code means A2E refused the start: nothing runs, nothing is pending.
      // A 5xx, a timeout or a dropped connection proves nothing: the entry stays `sending`.
      const e = outcome.error;
      if (e instanceof APIError && e.status < 500) await store.update(key, { state: 'refused' });
    },
  };
}
