// The proxy under many simultaneous browsers, against the recording loopback stand-in of A2E's streaming
// endpoints: the session cap holds (a start takes its slot before the token call), slots come back after
// failures, leaves and timed-out starts end in exactly the leaves they owe, and bodies never mix.
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createA2EProxy, type StreamingProxyOptions } from '../../src/proxy/index.js';
import { dataShape, STREAM, startStandIn, type StandIn } from '../helpers/streaming.js';

const KEY = 'sk_proxy_concurrency_canary';
const APP = 'http://app.test';
let a2e: StandIn;
beforeAll(async () => {
  a2e = await startStandIn();
});
afterAll(() => a2e.server.close());
beforeEach(() => a2e.reset());

type Handler = (r: Request) => Promise<Response>;
const proxy = (streaming: StreamingProxyOptions = {}, timeoutMs?: number): Handler =>
  createA2EProxy({ apiKey: KEY, baseUrl: a2e.server.url, streaming, ...(timeoutMs && { timeoutMs }) });
const post = (handler: Handler, op: string, body: unknown) =>
  handler(
    new Request(`${APP}${STREAM}/${op}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
const startBody = { avatar_id: 'av1', expire_seconds: 60 };
interface Started {
  channel: string;
  session_secret: string;
}
const started = async (res: Response) => ((await res.json()) as { data: Started }).data;

describe('proxy streaming starts under concurrency', () => {
  it('20 simultaneous starts with maxSessions 5 make 5 token calls upstream and refuse 15 with 429', async () => {
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 200 }); // every start is in flight at once
    const handler = proxy({ maxSessions: 5 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(handler, 'agora-token', startBody)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(a2e.calls('agora-token')).toHaveLength(5);
  });

  it('101 simultaneous starts at the default cap make 100 token calls', async () => {
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 200 });
    const handler = proxy();
    const answers = await Promise.all(Array.from({ length: 101 }, () => post(handler, 'agora-token', startBody)));
    expect(answers.filter((r) => r.status === 429)).toHaveLength(1);
    expect(a2e.calls('agora-token')).toHaveLength(100);
  });

  it("gives a failed start's slot back", async () => {
    const handler = proxy({ maxSessions: 2 });
    a2e.token = () => ({ body: { code: 500, msg: 'internal' }, delayMs: 100 });
    const failed = await Promise.all(Array.from({ length: 4 }, () => post(handler, 'agora-token', startBody)));
    expect(failed.map((r) => r.status).sort()).toEqual([200, 200, 429, 429]); // A2E's HTTP 200 with a non-zero code
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 100 });
    const answers = await Promise.all(Array.from({ length: 4 }, () => post(handler, 'agora-token', startBody)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 429, 429]);
    expect(a2e.calls('agora-token')).toHaveLength(4);
  });

  it('frees slots once sessions are left: simultaneous leaves (twice each) make one leave per channel', async () => {
    const handler = proxy({ maxSessions: 5 });
    const sessions = await Promise.all(
      Array.from({ length: 5 }, async () => started(await post(handler, 'agora-token', startBody))),
    );
    expect((await post(handler, 'agora-token', startBody)).status).toBe(429);
    const leaves = await Promise.all([...sessions, ...sessions].map((s) => post(handler, 'leave', s)));
    expect(leaves.every((r) => r.status === 200)).toBe(true);
    expect(a2e.leaves().sort()).toEqual(sessions.map((s) => s.channel).sort());
    expect((await post(handler, 'agora-token', startBody)).status).toBe(200);
  });

  it('answers a timed-out start 504 on time, leaves the session that arrives late, and holds the slot meanwhile', async () => {
    a2e.token = (n) => ({ ...dataShape(n), delayMs: n === 1 ? 1_000 : 0 });
    const handler = proxy({ maxSessions: 1, lateAnswerGraceMs: 10_000 }, 100);
    const res = await post(handler, 'agora-token', startBody);
    expect(res.status).toBe(504);
    expect(await res.text()).not.toContain(KEY);
    expect((await post(handler, 'agora-token', startBody)).status).toBe(429); // ch-1 may be open and billed
    await vi.waitFor(() => expect(a2e.leaves()).toEqual(['ch-1']), { timeout: 10_000, interval: 50 });
    await vi.waitFor(async () => expect((await post(handler, 'agora-token', startBody)).status).toBe(200), {
      timeout: 5_000,
      interval: 100,
    });
  });

  it('keeps a session whose leave failed upstream, so the browser can leave it again', async () => {
    const handler = proxy();
    const s = await started(await post(handler, 'agora-token', startBody));
    a2e.other = () => ({ status: 503, body: { code: 503, msg: 'busy' } });
    expect((await post(handler, 'leave', s)).status).toBe(503);
    a2e.other = () => ({ body: { code: 0, data: {} } });
    expect((await post(handler, 'leave', s)).status).toBe(200);
    expect(a2e.leaves()).toEqual([s.channel, s.channel]);
  });

  it('leaves an expired session whose own leave failed, at the next start, instead of dropping it', async () => {
    a2e.token = (n) => dataShape(n, { expire_epoch_timestamp: Date.now() + 300 });
    a2e.other = () => ({ status: 503, body: { code: 503, msg: 'busy' } });
    const handler = proxy({ maxSessions: 2 });
    expect((await post(handler, 'agora-token', startBody)).status).toBe(200);
    await vi.waitFor(() => expect(a2e.leaves()).toEqual(['ch-1']), { timeout: 5_000, interval: 50 }); // at expiry: failed
    // The stand-in records the leave on arrival; give the proxy time to read its 503. A start that came while
    // that leave was still in flight would (rightly) not send a second one, and this test would race.
    await new Promise((resolve) => setTimeout(resolve, 500));
    a2e.other = () => ({ body: { code: 0, data: {} } });
    a2e.token = (n) => dataShape(n);
    expect((await post(handler, 'agora-token', startBody)).status).toBe(200);
    await vi.waitFor(() => expect(a2e.leaves()).toEqual(['ch-1', 'ch-1']), { timeout: 5_000, interval: 50 });
  });
});

describe('proxy forwards under concurrency', () => {
  let upstream: ScriptedServer;
  beforeAll(async () => {
    upstream = await startScriptedServer();
  });
  afterAll(() => upstream.close());

  it('50 simultaneous bodies each reach A2E as sent, and each browser gets its own answer', async () => {
    upstream.reply((seen) => ({ body: { code: 0, data: { echo: JSON.parse(seen.body) as unknown } }, delayMs: 20 }));
    const handler = createA2EProxy({ apiKey: KEY, baseUrl: upstream.url });
    const bodies = Array.from({ length: 50 }, (_, i) => ({
      source_url: `https://x/${i}.mp3`,
      target_lang: 'fr',
      n: i,
    }));
    const answers = await Promise.all(
      bodies.map((b) =>
        handler(new Request(`${APP}/api/v1/userDubbing/startDubbing`, { method: 'POST', body: JSON.stringify(b) })),
      ),
    );
    for (const [i, res] of answers.entries()) expect(await res.json()).toEqual({ code: 0, data: { echo: bodies[i] } });
    expect(upstream.requests.map((r) => (JSON.parse(r.body) as { n: number }).n).sort((a, b) => a - b)).toEqual(
      bodies.map((b) => b.n),
    );
  });
});
