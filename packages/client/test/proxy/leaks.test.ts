// A canary key that the upstream echoes back, in any form or place, never reaches the browser: every
// answer that leaves the proxy (forwarded, streaming, refusals) is scrubbed the way the client scrubs its
// own errors, including a key split across two chunks of the upstream body.
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createA2EProxy } from '../../src/proxy/index.js';
import { STREAM, startStandIn, type StandIn } from '../helpers/streaming.js';

const KEY = 'sk_proxy_leak_canary_9c2d/+x';
const APP = 'http://app.test';
let upstream: ScriptedServer;
let a2e: StandIn;
beforeAll(async () => {
  [upstream, a2e] = await Promise.all([startScriptedServer(), startStandIn()]);
});
afterAll(async () => {
  await Promise.all([upstream.close(), a2e.server.close()]);
});

/** Everything the browser can read of an answer: status line, every header, the body. */
async function seenByBrowser(res: Response): Promise<string> {
  const headers: string[] = [];
  res.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  return `${res.status} ${res.statusText}\n${headers.join('\n')}\n\n${await res.text()}`;
}
const forms = [KEY, encodeURIComponent(KEY), JSON.stringify(KEY).slice(1, -1)];
const expectClean = (text: string) => {
  for (const f of forms) expect(text).not.toContain(f);
};

describe('createA2EProxy keeps the key from the browser', () => {
  it('when A2E echoes the Authorization header in the body and in headers', async () => {
    upstream.reply({
      status: 401,
      echoAuthorization: true,
      headers: {
        'www-authenticate': `Bearer realm="${KEY}"`,
        'x-echo-authorization': `Bearer ${KEY}`,
        'x-echo-url': `https://x/?k=${encodeURIComponent(KEY)}`,
      },
      body: { code: 401, msg: 'bad token {{authorization}}', data: { raw: 'Bearer {{authorization}}' } },
    });
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    const text = await seenByBrowser(res);
    expectClean(text);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-echo-authorization')).toBe('Bearer [redacted]');
    expect((JSON.parse(text.split('\n\n')[1]!) as { msg: string }).msg).toBe('bad token Bearer [redacted]');
  });

  it('when the key straddles two chunks of the upstream body, at every split point', async () => {
    const prefix = '{"code":0,"msg":"Bearer ';
    for (let i = 1; i < KEY.length; i++) {
      const fetchSplit: typeof fetch = async () =>
        new Response(
          new ReadableStream({
            start(c) {
              for (const part of [prefix + KEY.slice(0, i), KEY.slice(i) + '"}'])
                c.enqueue(new TextEncoder().encode(part));
              c.close();
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        );
      const res = await createA2EProxy({ apiKey: KEY, baseUrl: 'http://a2e.test', fetch: fetchSplit })(
        new Request(`${APP}/api/v1/user/remainingCoins`),
      );
      const body = await res.text();
      expectClean(body);
      expect(body, `split at ${i}`).toBe('{"code":0,"msg":"Bearer [redacted]"}');
    }
  });

  it('and leaves every other byte of a non-UTF-8 body as it was', async () => {
    const key = new TextEncoder().encode(KEY);
    const bytes = new Uint8Array([0xff, 0xfe, ...key, 0x80, 0x00]);
    const fetchBinary: typeof fetch = async () => new Response(bytes);
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: 'http://a2e.test', fetch: fetchBinary })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([
      0xff,
      0xfe,
      ...new TextEncoder().encode('[redacted]'),
      0x80,
      0x00,
    ]);
  });

  it("in the streaming routes' error answers", async () => {
    a2e.reset();
    a2e.server.reply({ echoAuthorization: true, body: { code: 401, msg: 'token {{authorization}} refused' } });
    const handler = createA2EProxy({ apiKey: KEY, baseUrl: a2e.server.url });
    const res = await handler(
      new Request(`${APP}${STREAM}/agora-token`, {
        method: 'POST',
        body: JSON.stringify({ avatar_id: 'av1', expire_seconds: 60 }),
      }),
    );
    expect(a2e.calls('agora-token')).toHaveLength(1);
    expectClean(await seenByBrowser(res));
  });

  it('in refusals and unreachable answers', async () => {
    const handler = createA2EProxy({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9' });
    for (const req of [
      new Request(`${APP}/api/v1/user/remainingCoins`),
      new Request(`${APP}/api/v1/nope`),
      new Request(`${APP}/api/v1/token/generate`, { method: 'POST', body: '{}' }),
    ]) {
      expectClean(await seenByBrowser(await handler(req)));
    }
  });
});
