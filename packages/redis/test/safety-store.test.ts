// The MCP server's SafetyStore on a real redis-server, used through two connections as two server
// instances would: one use per confirmation, a budget that holds across instances, and the paid gate of
// @a2e-sdk/mcp replaying the first job when the same confirmation reaches the other instance.
import { createPaidGate } from '@a2e-sdk/mcp';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSafetyStore } from '../src/index.js';
import { type RunningRedis, startRedis } from './helpers/redis-server.js';

let server: RunningRedis;
const conns: Redis[] = [];
const storeOf = (prefix: string) => {
  const r = new Redis(server.url, { maxRetriesPerRequest: 1 });
  conns.push(r);
  return new RedisSafetyStore(r, { prefix });
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(conns.map((c) => c.quit().catch(() => c.disconnect())));
  await server?.stop();
});

describe('RedisSafetyStore', () => {
  it('gives `first` to exactly one of 30 concurrent claims from two instances, then the outcome to all', async () => {
    const [a, b] = [storeOf('s1:'), storeOf('s1:')];
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).claim('tok')));
    expect(claims.filter((c) => c.state === 'first')).toHaveLength(1);
    expect(claims.filter((c) => c.state === 'running')).toHaveLength(29);
    await a.settle('tok', { ok: true, data: { _id: 'job-1' } });
    expect(await b.claim('tok')).toEqual({ state: 'done', outcome: { ok: true, data: { _id: 'job-1' } } });
  });

  it('holds a budget across instances under concurrency, and gives back what A2E refused', async () => {
    const [a, b] = [storeOf('s2:'), storeOf('s2:')];
    const granted = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserveCredits('session', 10, 55)),
    );
    expect(granted.filter(Boolean)).toHaveLength(5);
    expect(await b.spentCredits('session')).toBe(50);
    await a.releaseCredits('session', 10);
    expect(await b.spentCredits('session')).toBe(40);
    await a.releaseCredits('session', 1000);
    expect(await b.spentCredits('session')).toBe(0);
    expect(await a.spentCredits('other-session')).toBe(0);
  });

  it('keeps a confirmation readable by every instance, and drops it after expiry plus the retention', async () => {
    const r = new Redis(server.url, { maxRetriesPerRequest: 1 });
    conns.push(r);
    const short = new RedisSafetyStore(r, { prefix: 's3:', retainMs: 50 });
    const other = storeOf('s3:');
    const c = {
      token: 't',
      sessionId: 's',
      operationId: 'startDubbing',
      hash: 'h',
      credits: 3,
      expiresAt: Date.now() + 50,
    };
    await short.saveConfirmation(c);
    expect(await other.getConfirmation('t')).toEqual(c);
    await new Promise((ok) => setTimeout(ok, 250));
    expect(await other.getConfirmation('t')).toBeUndefined();
  });

  it('through the paid gate: the same confirmation on the other instance returns the first job, sent once', async () => {
    const gateA = createPaidGate({ store: storeOf('s4:'), ttlMs: 60_000, maxCredits: 100, claimPollMs: 10 });
    const gateB = createPaidGate({ store: storeOf('s4:'), ttlMs: 60_000, maxCredits: 100, claimPollMs: 10 });
    const input = { source_url: 'https://cdn.example/a.mp4', target_lang: 'en' };
    const { confirmation } = await gateA.issue('session', 'startDubbing', input, 7);
    let sent = 0;
    const send = async () => {
      sent++;
      await new Promise((ok) => setTimeout(ok, 50));
      return { _id: `job-${sent}` };
    };
    const [first, second] = await Promise.all([
      gateA.run('session', 'startDubbing', input, confirmation, send),
      gateB.run('session', 'startDubbing', input, confirmation, send),
    ]);
    expect(sent).toBe(1);
    expect([first.data, second.data]).toEqual([{ _id: 'job-1' }, { _id: 'job-1' }]);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
  });
});
