// The proxy's streaming routes against the recording stand-in: a browser drives only the sessions it
// started, with their secret; anything else is refused and reaches A2E not at all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createA2EProxy } from '../../src/proxy/index.js';
import { STREAM, startStandIn, type StandIn } from '../helpers/streaming.js';

const KEY = 'sk_proxy_streaming_canary';
const APP = 'http://app.test/api/a2e';
let a2e: StandIn;
beforeAll(async () => {
  a2e = await startStandIn();
});
afterAll(() => a2e.server.close());
beforeEach(() => a2e.reset());

const proxy = (streaming?: Parameters<typeof createA2EProxy>[0]['streaming']) =>
  createA2EProxy({ apiKey: KEY, baseUrl: a2e.server.url, basePath: '/api/a2e', ...(streaming && { streaming }) });
const post = (
  handler: (r: Request) => Promise<Response>,
  op: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  handler(
    new Request(`${APP}${STREAM}/${op}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

interface Started {
  appId: string;
  channel: string;
  token: string;
  uid: number;
  expiresAt: string;
  session_secret: string;
}
async function startVia(handler: (r: Request) => Promise<Response>): Promise<Started> {
  const res = await post(handler, 'agora-token', { avatar_id: 'av1', expire_seconds: 60 });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Started }).data;
}

describe('proxy streaming routes', () => {
  it('starts a session with the server key and gives the browser the Agora values and a secret, never the key', async () => {
    const handler = proxy();
    const res = await post(handler, 'agora-token', { avatar_id: 'av1', expire_seconds: 60 });
    const text = await res.text();
    expect(text).not.toContain(KEY);
    const { data } = JSON.parse(text) as { data: Started };
    expect(data).toMatchObject({ appId: 'app-1', channel: 'ch-1', token: 'agora-token-1', uid: 1001 });
    expect(data.session_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(a2e.calls('agora-token')[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('forwards ask and speak of the session that holds the secret, without the secret', async () => {
    const handler = proxy();
    const s = await startVia(handler);
    expect(
      (await post(handler, 'ask', { channel: s.channel, text: 'hi', session_secret: s.session_secret })).status,
    ).toBe(200);
    expect(
      (await post(handler, 'speak', { channel: s.channel, text: 'hello', session_secret: s.session_secret })).status,
    ).toBe(200);
    expect(JSON.parse(a2e.calls('ask')[0]!.body)).toEqual({ channel: 'ch-1', text: 'hi' });
    expect(JSON.parse(a2e.calls('speak')[0]!.body)).toEqual({ channel: 'ch-1', text: 'hello' });
    expect(a2e.calls('ask')[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each([
    ['a channel it did not start', (s: Started) => ({ channel: 'ch-someone-else', session_secret: s.session_secret })],
    ['no secret', (s: Started) => ({ channel: s.channel })],
    [
      'a wrong secret',
      (s: Started) => ({
        channel: s.channel,
        session_secret: s.session_secret.slice(0, -1) + (s.session_secret.endsWith('0') ? '1' : '0'),
      }),
    ],
    [
      "another session's secret",
      (_: Started, other: Started) => ({ channel: _.channel, session_secret: other.session_secret }),
    ],
  ])('refuses leave, ask, speak and set-qa-context with %s, reaching A2E not at all', async (_, body) => {
    const handler = proxy();
    const mine = await startVia(handler);
    const other = await startVia(handler);
    const before = a2e.server.requests.length;
    for (const op of ['leave', 'ask', 'speak', 'set-qa-context']) {
      const res = await post(handler, op, { ...body(mine, other), text: 'x' });
      expect(res.status, op).toBe(403);
    }
    expect(a2e.server.requests.length).toBe(before);
  });

  it('accepts a leave sent by sendBeacon (text/plain, secret in the body), once', async () => {
    const handler = proxy();
    const s = await startVia(handler);
    const beacon = JSON.stringify({ channel: s.channel, session_secret: s.session_secret });
    const res = await post(handler, 'leave', beacon, { 'content-type': 'text/plain;charset=UTF-8' });
    expect(res.status).toBe(200);
    expect((await post(handler, 'leave', beacon, { 'content-type': 'text/plain;charset=UTF-8' })).status).toBe(200); // idempotent: nothing more is sent
    expect(a2e.leaves()).toEqual(['ch-1']);
    expect(JSON.parse(a2e.calls('leave')[0]!.body)).toEqual({ channel: 'ch-1' });
  });

  it('never forwards the streaming paths as they are', async () => {
    const handler = proxy();
    const res = await handler(new Request(`${APP}${STREAM}/get_qa_context?avatar_id=av1`));
    expect(res.status).toBe(403);
    expect(a2e.server.requests).toEqual([]);
  });

  it('keeps a browser within the duration and avatars the server allows', async () => {
    const handler = proxy({ maxDurationSeconds: 120, avatarIds: ['av1'] });
    expect((await post(handler, 'agora-token', { avatar_id: 'av1', expire_seconds: 121 })).status).toBe(400);
    expect((await post(handler, 'agora-token', { avatar_id: 'av2', expire_seconds: 60 })).status).toBe(403);
    expect(a2e.server.requests).toEqual([]);
    await startVia(handler);
    expect(JSON.parse(a2e.calls('agora-token')[0]!.body)).toEqual({ avatar_id: 'av1', expire_seconds: 60 });
  });

  it('passes a capacity error on as A2E gave it', async () => {
    a2e.token = () => ({ body: { code: 1001, msg: 'hosts are occupied' } });
    const res = await post(proxy(), 'agora-token', { avatar_id: 'av1', expire_seconds: 60 });
    expect(await res.json()).toEqual({ code: 1001, msg: 'hosts are occupied' });
  });
});
