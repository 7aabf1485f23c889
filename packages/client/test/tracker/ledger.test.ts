// The ledger of paid starts, resume(), webhooks recorded in the store, and the reconciler — on the
// memory store, against the loopback stand-in. (The same on Redis, with processes killed mid-start,
// is in packages/redis/test.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  handleA2EWebhook,
  startReconciler,
  type JobStore,
  type LedgerEntry,
} from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startJobStandIn, type JobStandIn } from '../helpers/job-stand-in.js';

let stand: JobStandIn;
beforeAll(async () => {
  stand = await startJobStandIn();
});
afterAll(() => stand.close());
beforeEach(() => {
  stand.reset();
});

/** The job id of a start's answer (one record, or an array of them for some families). */
const a2eId = (data: unknown) => String((Array.isArray(data) ? data[0] : (data as { _id?: string }))?._id);
const fast = { intervalMs: 20, backoffFactor: 1, timeoutMs: 5000 };
const startBody = {
  name: 'promo-7',
  source_url: 'https://cdn.example/in.mp4',
  source_lang: 'en',
  target_lang: 'fr',
} as never;

describe('ledger of paid starts', () => {
  it('writes a start before it is sent, completes it with the job id, closes it when the job ends', async () => {
    const store = createMemoryStore();
    let atSend: LedgerEntry[] = [];
    const a2e = testClient(stand.url, {
      store,
      // Looks at the ledger at the moment the start leaves: the entry must already be there.
      fetch: async (input, init) => {
        if (String(input).includes('/start')) atSend = await store.open();
        return fetch(input, init);
      },
    });
    const job = await a2e.dubbing.startDubbing(startBody);
    expect(atSend).toHaveLength(1);
    expect(atSend[0]).toMatchObject({
      operationId: 'startDubbing',
      family: 'dubbing',
      state: 'sending',
      lookup: { name: 'promo-7', source_url: 'https://cdn.example/in.mp4' },
    });
    expect(atSend[0]!.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.get(atSend[0]!.key)).toMatchObject({ state: 'submitted', jobId: job._id });
    await a2e.waitFor.dubbing(job._id!, fast);
    expect(await store.get(atSend[0]!.key)).toMatchObject({ state: 'terminal', status: 'completed' });
    expect(await store.open()).toEqual([]);
  });

  it('marks a refused start (4xx) refused, and never stores the webhook token', async () => {
    const inner = createMemoryStore();
    const written: string[] = [];
    // Every write the ledger makes, as JSON: what a durable store would hold.
    const store: JobStore = {
      ...inner,
      begin: (e) => {
        written.push(JSON.stringify(e));
        return inner.begin(e);
      },
      update: (k, p) => {
        written.push(JSON.stringify(p));
        return inner.update(k, p);
      },
    };
    const a2e = testClient(stand.url, {
      store,
      fetch: async () =>
        new Response(JSON.stringify({ code: 400, msg: 'bad' }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    });
    await expect(
      a2e.dubbing.startDubbing({
        ...(startBody as object),
        webhook: { url: 'https://me.example/hook', token: 'whsec_secret_123' },
      } as never),
    ).rejects.toThrow();
    expect(written).toHaveLength(2);
    expect(JSON.parse(written[0]!)).toMatchObject({ state: 'sending', webhook: true });
    expect(JSON.parse(written[1]!)).toEqual({ state: 'refused' });
    expect(written.join()).not.toContain('whsec_secret_123');
    expect(await store.open()).toEqual([]);
  });

  it('leaves a start whose answer never came as maybe submitted: resume() reports it, never resends, and finds candidates', async () => {
    const store = createMemoryStore();
    // The start reaches A2E but the answer is lost (the connection drops after sending).
    const dropAnswer = testClient(stand.url, {
      store,
      maxRetries: 0,
      fetch: async (input, init) => {
        const r = await fetch(input, init);
        if (String(input).includes('/start')) throw new TypeError('socket hang up');
        return r;
      },
    });
    await expect(dropAnswer.dubbing.startDubbing(startBody)).rejects.toThrow();
    expect(stand.starts).toHaveLength(1);

    // "After a restart": a new client on the same store.
    const a2e = testClient(stand.url, { store });
    const report = await a2e.tracker.resume(fast);
    expect(report.resumed).toEqual([]);
    expect(report.maybeSubmitted).toHaveLength(1);
    expect(report.maybeSubmitted[0]!.entry).toMatchObject({ state: 'sending', operationId: 'startDubbing' });
    const candidates = await report.maybeSubmitted[0]!.candidates();
    expect(candidates.map((c) => c.name)).toEqual(['promo-7']);
    expect(stand.starts).toHaveLength(1); // nothing was sent again
    await report.maybeSubmitted[0]!.dismiss(String(candidates[0]!._id));
    const again = await a2e.tracker.resume(fast);
    expect(again.resumed).toHaveLength(1);
    await expect(again.resumed[0]!.done).resolves.toMatchObject({ current_status: 'completed' });
    expect(await store.open()).toEqual([]);
  });

  it('resume() re-attaches a waiter to every submitted job not yet terminal', async () => {
    const store = createMemoryStore();
    stand.startDoneAfterMs = 150;
    const first = testClient(stand.url, { store });
    const a = await first.textToImage.startTextToImage({ name: 'a', prompt: 'x' } as never);
    const b = await first.upscale.startUpscale({ name: 'b', image_url: 'https://cdn.example/b.png' } as never);
    const report = await testClient(stand.url, { store }).tracker.resume(fast);
    expect(report.resumed.map((r) => r.id).sort()).toEqual([a2eId(a), a2eId(b)].sort());
    await Promise.all(report.resumed.map((r) => r.done));
    expect(await store.open()).toEqual([]);
  });
});

describe('webhooks in the store', () => {
  const deliver = (url: string, body: object) =>
    new Request(url, { method: 'POST', headers: { 'x-a2e-webhook-token': 'whsec_t' }, body: JSON.stringify(body) });

  it('deduplicates a delivery across instances and resolves a waiter of that job in another instance', async () => {
    const store = createMemoryStore();
    stand.add('dubbing', 'w1', Date.now() + 100);
    // Instance B waits with a long interval: only the webhook received by A can wake it in time.
    const b = testClient(stand.url, { store });
    const started = Date.now();
    const waiting = b.waitFor.dubbing('w1', { intervalMs: 30_000, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 150));
    const url = `${stand.url}/hook?a2e_family=dubbing`;
    const first = await handleA2EWebhook(deliver(url, { _id: 'w1', current_status: 'completed' }), {
      token: 'whsec_t',
      store,
    });
    const second = await handleA2EWebhook(deliver(url, { _id: 'w1', current_status: 'completed' }), {
      token: 'whsec_t',
      store,
    });
    expect(first.ok && first.event.duplicate).toBe(false);
    expect(second.ok && second.event.duplicate).toBe(true);
    await expect(waiting).resolves.toMatchObject({ _id: 'w1', current_status: 'completed' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('reconciler', () => {
  it('re-reads a webhook job whose webhook never came, closes and announces it; one instance at a time', async () => {
    const store = createMemoryStore();
    stand.startDoneAfterMs = 0;
    const a2e = testClient(stand.url, { store });
    const job = await a2e.dubbing.startDubbing({
      ...(startBody as object),
      webhook: { url: 'https://me.example/hook', token: 'whsec_t' },
    } as never);
    const announced: string[] = [];
    store.subscribe!((family, id) => announced.push(`${family}:${id}`));
    const one = startReconciler({ client: a2e, store, graceMs: 0, intervalMs: 60_000, holder: 'one' });
    const two = startReconciler({ client: a2e, store, graceMs: 0, intervalMs: 60_000, holder: 'two' });
    try {
      const [r1, r2] = [await one.runOnce(), await two.runOnce()];
      expect(r1).toMatchObject({ leader: true, read: 1 });
      expect(r1.settled[0]).toMatchObject({ jobId: job._id, state: 'terminal', status: 'completed' });
      expect(r2).toMatchObject({ leader: false, read: 0 });
      expect(announced).toEqual([`dubbing:${job._id}`]);
      expect(await store.open()).toEqual([]);
    } finally {
      one.stop();
      two.stop();
    }
  });
});
