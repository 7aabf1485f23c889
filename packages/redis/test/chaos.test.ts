// Chaos with real processes: a worker is killed with SIGKILL while one job is submitted and waiting (c),
// one start has been sent and its answer is held (b), and one start has not been sent yet (a). Started
// again on the same Redis, it ends every job tracked to a terminal state or reports it maybe submitted;
// the stand-in proves no paid start was received twice.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from './helpers/redis-server.js';
import { startJobStandIn, type JobStandIn } from './helpers/job-standin.js';

const here = dirname(fileURLToPath(import.meta.url));
const NAMES = ['alpha', 'bravo', 'charlie'];
let redis: RunningRedis;
let standIn: JobStandIn;
const children: ChildProcess[] = [];

type Message = { event: string; name?: string; id?: string; status?: string; candidates?: string[] };

function worker() {
  const child = fork(join(here, 'fixtures/chaos-worker.ts'), [redis.url, standIn.url, NAMES.join(',')], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const messages: Message[] = [];
  const waiters: { test: (m: Message) => boolean; ok: (m: Message) => void }[] = [];
  child.on('message', (m: Message) => {
    messages.push(m);
    for (const w of [...waiters])
      if (w.test(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok(m);
      }
  });
  const next = (test: (m: Message) => boolean, ms = 20_000) =>
    new Promise<Message>((ok, fail) => {
      const found = messages.find(test);
      if (found) return ok(found);
      const timer = setTimeout(
        () => fail(new Error(`no such message in ${ms} ms; saw ${JSON.stringify(messages)}`)),
        ms,
      );
      waiters.push({
        test,
        ok: (m) => {
          clearTimeout(timer);
          ok(m);
        },
      });
    });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return { child, messages, next, exited };
}

beforeAll(async () => {
  redis = await startRedis();
  standIn = await startJobStandIn();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await standIn?.close();
  await redis?.stop();
});

describe('kill -9 mid-start', () => {
  it('loses no job and repeats no paid start', async () => {
    // The second start is received but not answered: alpha is submitted and waiting, bravo is in flight,
    // charlie has not been sent.
    const held = standIn.holdStart('bravo');
    const first = worker();
    await first.next((m) => m.event === 'started' && m.name === 'alpha');
    await held;
    first.child.kill('SIGKILL');
    await first.exited;
    standIn.release();
    expect(Object.fromEntries(standIn.startsByName)).toEqual({ alpha: 1, bravo: 1 });

    const second = worker();
    // alpha: its id was in the ledger, so it is tracked again; bravo: maybe submitted, found by name
    const alpha = await second.next((m) => m.event === 'resumed');
    expect(alpha.name).toBe('alpha');
    const bravo = await second.next((m) => m.event === 'maybe-submitted');
    expect(bravo.name).toBe('bravo');
    expect(bravo.candidates).toEqual([[...standIn.jobs.values()].find((j) => j.name === 'bravo')!._id]);
    await second.next((m) => m.event === 'started' && m.name === 'charlie');
    standIn.completeAll();
    await second.next((m) => m.event === 'all-done', 30_000);
    expect(await second.exited).toBe(0);

    // every job ended tracked to its terminal status, and each paid start reached A2E exactly once
    const done = second.messages.filter((m) => m.event === 'done');
    expect(done.map((m) => m.name).sort()).toEqual(NAMES);
    expect(done.every((m) => m.status === 'completed')).toBe(true);
    expect(Object.fromEntries(standIn.startsByName)).toEqual({ alpha: 1, bravo: 1, charlie: 1 });
    expect(second.messages.some((m) => m.event === 'starting' && (m.name === 'alpha' || m.name === 'bravo'))).toBe(
      false,
    );
  });
});

describe('Redis down', () => {
  it('refuses a paid start it cannot record, and sends nothing', async () => {
    const own = await startRedis();
    const { Redis } = await import('ioredis');
    const { createA2EClient } = await import('@a2e-sdk/client');
    const { RedisJobStore } = await import('../src/index.js');
    const conn = new Redis(own.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    conn.on('error', () => {}); // the refused reconnects are the point of this test, not noise to print
    try {
      const a2e = createA2EClient({
        baseUrl: standIn.url,
        apiKey: 'sk_chaos_key',
        maxRetries: 0,
        store: new RedisJobStore(conn, { prefix: 'down:' }),
      });
      await own.stop();
      await expect(
        a2e.dubbing.startDubbing({ name: 'unrecorded', source_url: 'https://example.com/u.mp4', target_lang: 'en' }),
      ).rejects.toThrow();
      expect(standIn.startsByName.get('unrecorded')).toBeUndefined();
    } finally {
      conn.disconnect();
      await own.stop();
    }
  });
});
