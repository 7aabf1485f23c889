// The webhook reconciler on a shared Redis: A2E sends each webhook once, so a job whose webhook never
// came is read again after the grace period — by exactly one instance at a time (a lease in Redis) —
// closed in the ledger and announced to every instance.
import { createA2EClient, startReconciler } from '@a2e-sdk/client';
import { describe, expect, it } from 'vitest';
import { useSharedRedis } from './helpers/shared-redis.js';

const shared = useSharedRedis('recon:');
const storeOf = () => shared.storeOf();

describe('reconciler across instances', () => {
  it('one instance re-reads a job whose webhook never came, closes it and tells the others', async () => {
    const [a, b] = [storeOf(), storeOf()];
    const client = createA2EClient({ baseUrl: shared.standIn.url, apiKey: 'sk_recon_key', store: a });
    const data = await client.dubbing.startDubbing({
      name: 'silent',
      source_url: 'https://example.com/s.mp4',
      target_lang: 'en',
      webhook: { url: 'https://app.example/hooks', token: 'hook-secret' },
    });
    const id = client.jobIdOf('dubbing', data)!;
    const [entry] = await b.open();
    expect(entry).toMatchObject({ state: 'submitted', jobId: id, webhook: true });
    shared.standIn.completeAll(); // the job ended; its webhook is never delivered

    const heard = new Promise<string>((ok) => b.subscribe((_f, jobId) => ok(jobId)));
    await b.ready();
    const ra = startReconciler({ client, store: a, graceMs: 0, intervalMs: 60_000, holder: 'A' });
    const rb = startReconciler({ client, store: b, graceMs: 0, intervalMs: 60_000, holder: 'B' });
    try {
      const rounds = await Promise.all([ra.runOnce(), rb.runOnce()]);
      expect(rounds.filter((r) => r.leader)).toHaveLength(1);
      const leader = rounds.find((r) => r.leader)!;
      expect(leader.settled.map((e) => e.jobId)).toEqual([id]);
      expect(await heard).toBe(id);
      expect(await a.open()).toEqual([]);
      // the ledger entry survived its Lua round trips intact (times to the millisecond)
      expect(await b.get(entry!.key)).toMatchObject({
        state: 'terminal',
        status: 'completed',
        startedAt: entry!.startedAt,
        jobId: id,
      });
      // the follower stays idle while the lease is held
      expect((await Promise.all([ra.runOnce(), rb.runOnce()])).filter((r) => r.leader)).toHaveLength(1);
    } finally {
      ra.stop();
      rb.stop();
      await Promise.all([a.close(), b.close()]);
    }
  });
});
