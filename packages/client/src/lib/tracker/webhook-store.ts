// A webhook delivery recorded in the JobStore: deduplicated across every instance sharing the store
// (an atomic set-if-absent on the event's key), and announced as the job's outcome so that trackers in
// every instance read the job at once. A2E sends each webhook once; a repeat comes from a proxy or a
// balancer retrying, and is answered 200 like the first but marked `duplicate`.
import type { JobStore } from './store.js';

/** How long a delivery's key is remembered for dedupe: far beyond any retry of a delivery. */
export const WEBHOOK_DEDUPE_TTL_MS = 7 * 24 * 3_600_000;

/** True when this delivery was seen before (by any instance). A first delivery naming its job is published. */
export async function recordDelivery(
  store: JobStore,
  event: { key: string; family: string | undefined; id: string | undefined; payload: unknown },
): Promise<boolean> {
  const first = await store.claim(`webhook:${event.key}`, WEBHOOK_DEDUPE_TTL_MS);
  if (first && event.family && event.id !== undefined) await store.putOutcome(event.family, event.id, event.payload);
  return !first;
}
