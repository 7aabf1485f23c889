// Two proxy processes on two ports share their streaming sessions through Redis, as two instances
// behind a round-robin balancer would: a session opened through one is used and left through the
// other, the cap holds across both, and an expired session is left by whichever process sweeps.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from './helpers/redis-server.js';
import { startStreamingUpstream } from './helpers/upstream.js';

const here = dirname(fileURLToPath(import.meta.url));
let redis: RunningRedis;
let upstream: Awaited<ReturnType<typeof startStreamingUpstream>>;
const children: ChildProcess[] = [];
const ports: number[] = [];

async function startProxy(): Promise<number> {
  const child = fork(join(here, 'fixtures/proxy-process.ts'), [redis.url, upstream.url, '2'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('proxy process did not start in 20 s')), 20_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      ok(m.port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`proxy process exited (${code})`));
    });
  });
}

beforeAll(async () => {
  redis = await startRedis();
  upstream = await startStreamingUpstream();
  ports.push(await startProxy(), await startProxy());
});
afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((ok) => {
          if (c.exitCode !== null) return ok();
          c.once('exit', () => ok());
          c.kill('SIGTERM');
        }),
    ),
  );
  await upstream?.close();
  await redis?.stop();
});

let turn = 0;
/** Round-robin over the two proxies, as a balancer would. */
const post = async (route: string, body: unknown, port = ports[turn++ % 2]!) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/streaming-avatar/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { code: number; data: Record<string, string> } };
};

describe('two proxy processes sharing Redis', () => {
  it('serve one session through either port, keep the cap across both, and leave expired sessions', async () => {
    const opened = await post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[0]);
    expect(opened.status).toBe(200);
    const { channel, session_secret } = opened.body.data as { channel: string; session_secret: string };

    // set-context, ask, speak through alternating ports; leave through the one that did not open it
    expect((await post('set-qa-context', { channel, session_secret, text: 'ctx' }, ports[1])).status).toBe(200);
    expect((await post('ask', { channel, session_secret, text: 'q?' }, ports[0])).status).toBe(200);
    expect((await post('speak', { channel, session_secret, text: 'hi' }, ports[1])).status).toBe(200);
    // a wrong secret is refused on both
    expect((await post('ask', { channel, session_secret: 'x'.repeat(64), text: 'q' }, ports[1])).status).toBe(403);
    expect(upstream.calls.filter((c) => c.channel === channel).map((c) => c.path)).toEqual([
      'set-qa-context',
      'ask',
      'speak',
    ]);
    // what Redis holds can neither join (no RTC token) nor drive (no secret) the session
    const { Redis } = await import('ioredis');
    const peek = new Redis(redis.url);
    const stored = (await peek.mget(await peek.keys('proxies:*session:*'))).join('');
    await peek.quit();
    expect(stored).toContain(channel);
    expect(stored).not.toContain(session_secret);
    expect(stored).not.toContain(opened.body.data.token as string);

    // maxSessions 2 across both processes: the open one and one more, then 429 on either port
    const second = await post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[1]);
    expect(second.status).toBe(200);
    expect((await post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[0])).status).toBe(429);
    expect((await post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[1])).status).toBe(429);

    // leaving through the other process frees a slot for both
    expect((await post('leave', { channel, session_secret }, ports[1])).status).toBe(200);
    expect(upstream.calls.filter((c) => c.path === 'leave').map((c) => c.channel)).toEqual([channel]);
    expect((await post('ask', { channel, session_secret, text: 'after leave' }, ports[0])).status).toBe(403);
    const third = await post('agora-token', { avatar_id: 'av1', expire_seconds: 1 }, ports[0]);
    expect(third.status).toBe(200);

    // the 1 s session expires; a start through the other process sweeps it: left upstream, its slot freed
    await new Promise((r) => setTimeout(r, 1_500));
    const fourth = await post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[1]);
    expect(fourth.status).toBe(200);
    expect(upstream.calls.filter((c) => c.path === 'leave').map((c) => c.channel)).toContain(third.body.data.channel);
    // the key never reached a browser, only the upstream
    expect(JSON.stringify([opened, second, third, fourth])).not.toContain('sk_proxy_test_key');
    expect(upstream.calls.every((c) => c.key === 'Bearer sk_proxy_test_key')).toBe(true);

    // a burst of starts through both ports at once: the cap still holds exactly
    for (const s of [second, fourth])
      expect(
        (await post('leave', { channel: s.body.data.channel, session_secret: s.body.data.session_secret })).status,
      ).toBe(200);
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post('agora-token', { avatar_id: 'av1', expire_seconds: 60 }, ports[i % 2])),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, ...Array(8).fill(429)]);
  });
});
