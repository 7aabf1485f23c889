// The stores against a real redis-server: each guarantee is checked with several connections at once,
// as several processes would use them.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisJobStore, RedisSessionStore, type LedgerEntry } from '../src/index.js';
import { startRedis, type RunningRedis } from './helpers/redis-server.js';

let server: RunningRedis;
const conns: Redis[] = [];
const connect = () => {
  const r = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  conns.push(r);
  return r;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await Promise.all(conns.map((c) => c.quit().catch(() => c.disconnect())));
  await server?.stop();
});

const entry = (key: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  key,
  operationId: 'startDubbing',
  family: 'dubbing',
  bodyHash: 'h',
  startedAt: Date.now(),
  state: 'sending',
  ...extra,
});

describe('RedisJobStore ledger', () => {
  it('writes a start once, merges updates, and lists only open entries', async () => {
    const store = new RedisJobStore(connect(), { prefix: 't1:' });
    await store.begin(entry('a', { startedAt: 1 }));
    await store.begin(entry('b', { startedAt: 2 }));
    await expect(store.begin(entry('a'))).rejects.toThrow(/exists/);
    expect(await store.update('a', { state: 'submitted', jobId: 'job-a' })).toBe(true);
    expect(await store.update('missing', { state: 'submitted' })).toBe(false);
    expect(await store.get('a')).toMatchObject({ state: 'submitted', jobId: 'job-a', operationId: 'startDubbing' });
    expect((await store.open()).map((e) => e.key)).toEqual(['a', 'b']);
    await store.update('a', { state: 'terminal', status: 'completed' });
    await store.update('b', { state: 'refused' });
    expect(await store.open()).toEqual([]);
    // a second process sees the same ledger
    const other = new RedisJobStore(connect(), { prefix: 't1:' });
    expect(await other.get('a')).toMatchObject({ state: 'terminal', status: 'completed', jobId: 'job-a' });
  });

  it('keeps open entries for ever and lets closed ones expire', async () => {
    const store = new RedisJobStore(connect(), { prefix: 't8:', closedTtlMs: 200 });
    const startedAt = Date.now();
    await store.begin(entry('open', { startedAt }));
    await store.begin(entry('closed', { startedAt }));
    await store.update('open', { state: 'submitted', jobId: 'j1' });
    await store.update('closed', { state: 'terminal', status: 'completed' });
    expect(await store.get('closed')).toMatchObject({ state: 'terminal', startedAt });
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.get('closed')).toBeUndefined();
    // epoch milliseconds survive the Lua (cjson) round trip exactly
    expect(await store.get('open')).toMatchObject({ state: 'submitted', jobId: 'j1', startedAt });
    expect((await store.open()).map((e) => e.key)).toEqual(['open']);
  });

  it('claims an event key for exactly one of many concurrent instances', async () => {
    const stores = Array.from({ length: 8 }, () => new RedisJobStore(connect(), { prefix: 't2:' }));
    const results = await Promise.all(stores.flatMap((s) => [s.claim('evt-1', 60_000), s.claim('evt-1', 60_000)]));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores[0]!.claim('evt-2', 60_000)).toBe(true);
  });

  it('holds a lease for one holder, renews it for that holder, frees it after its lifetime', async () => {
    const a = new RedisJobStore(connect(), { prefix: 't3:' });
    const b = new RedisJobStore(connect(), { prefix: 't3:' });
    const both = await Promise.all([a.lease('reconciler', 'A', 300), b.lease('reconciler', 'B', 300)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const holder = both[0] ? 'A' : 'B';
    expect(await (holder === 'A' ? a : b).lease('reconciler', holder, 300)).toBe(true);
    expect(await (holder === 'A' ? b : a).lease('reconciler', holder === 'A' ? 'B' : 'A', 300)).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.lease('reconciler', 'B', 300)).toBe(true);
  });

  it('shares an outcome put by one instance with the listeners of another', async () => {
    const a = new RedisJobStore(connect(), { prefix: 't4:' });
    const b = new RedisJobStore(connect(), { prefix: 't4:' });
    const heard = new Promise<[string, string, unknown]>((ok) => b.subscribe((...args) => ok(args)));
    await b.ready();
    await a.putOutcome('dubbing', 'job-9', { _id: 'job-9', current_status: 'completed' });
    expect(await heard).toEqual(['dubbing', 'job-9', { _id: 'job-9', current_status: 'completed' }]);
    expect(await b.getOutcome('dubbing', 'job-9')).toEqual({ _id: 'job-9', current_status: 'completed' });
    expect(await b.getOutcome('dubbing', 'nope')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});

describe('RedisSessionStore', () => {
  it('never hands out more slots than max, however many processes ask at once', async () => {
    const stores = Array.from({ length: 5 }, () => new RedisSessionStore(connect(), { prefix: 't5:' }));
    const taken = await Promise.all(
      Array.from({ length: 40 }, (_, i) => stores[i % 5]!.reserve(`slot-${i}`, 3, 60_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(3);
    const holder = taken.indexOf(true);
    await stores[0]!.release(`slot-${holder}`);
    expect(await stores[1]!.reserve('slot-late', 3, 60_000)).toBe(true);
    expect(await stores[2]!.reserve('slot-later', 3, 60_000)).toBe(false);
  });

  it('lets a lapsed slot go, so a crashed process does not hold the cap forever', async () => {
    const store = new RedisSessionStore(connect(), { prefix: 't6:' });
    expect(await store.reserve('crashed', 1, 200)).toBe(true);
    expect(await store.reserve('next', 1, 200)).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.reserve('next', 1, 200)).toBe(true);
  });

  it('shares sessions and finds the expired ones', async () => {
    const a = new RedisSessionStore(connect(), { prefix: 't7:' });
    const b = new RedisSessionStore(connect(), { prefix: 't7:' });
    const now = Date.now();
    const session = (channel: string, expiresAt: number) => ({
      channel,
      secretHash: `h-${channel}`,
      avatarId: 'av',
      expiresAt: new Date(expiresAt).toISOString(),
      slot: `slot-${channel}`,
    });
    await a.put(session('old', now - 1000), 60_000);
    await a.put(session('new', now + 60_000), 120_000);
    expect(await b.get('new')).toEqual(session('new', now + 60_000));
    expect((await b.expired(now)).map((s) => s.channel)).toEqual(['old']);
    await b.remove('old');
    expect(await a.get('old')).toBeUndefined();
    expect(await a.expired(now)).toEqual([]);
  });
});
