// The proxy against a real loopback upstream (recording what reaches it) and against Prism, with the
// client pointed at the proxy the way a browser app is.
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, createA2EClient, AuthenticationError, privileged, type OperationId } from '../src/index.js';
import { createA2EProxy } from '../src/proxy/index.js';

const KEY = 'sk_proxy_canary_7f3e';
const APP = 'http://app.test';

let upstream: ScriptedServer;
let prism: Prism;
beforeAll(async () => {
  [upstream, prism] = await Promise.all([startScriptedServer(), startPrism()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([upstream.close(), prism.stop()]);
});
beforeEach(() => upstream.reply({ body: { code: 0, data: { ok: true } } }));

const proxy = (options: Partial<Parameters<typeof createA2EProxy>[0]> = {}) =>
  createA2EProxy({ apiKey: KEY, baseUrl: upstream.url, ...options });

describe('createA2EProxy forwards', () => {
  it("a spec operation with the server token in place of the caller's, dropping cookies and unknown headers", async () => {
    const res = await proxy()(
      new Request(`${APP}/api/v1/userDubbing/allRecords?pageNum=2`, {
        headers: {
          authorization: 'Bearer sk_from_the_browser',
          cookie: 'session=abc',
          'x-lang': 'en-US',
          'x-forwarded-for': '10.0.0.1',
          accept: 'application/json',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0, data: { ok: true } });
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]!;
    expect([seen.method, seen.url]).toEqual(['GET', '/api/v1/userDubbing/allRecords?pageNum=2']);
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBeUndefined();
    expect(seen.headers['x-lang']).toBe('en-US');
  });

  it('a POST body unchanged, and the upstream status and body back, without set-cookie', async () => {
    upstream.reply({
      status: 429,
      headers: { 'retry-after': '3', 'set-cookie': 'a2e=1' },
      body: { code: 429, msg: 'slow down' },
    });
    const body = JSON.stringify({ source_url: 'https://x/a.mp3', target_lang: 'fr' });
    const res = await proxy()(
      new Request(`${APP}/api/v1/userDubbing/startDubbing`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({ code: 429, msg: 'slow down' });
    expect(upstream.requests[0]!.body).toBe(body);
    expect(upstream.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('paths with a parameter, one segment per parameter, under a basePath', async () => {
    const handler = proxy({ basePath: '/api/a2e' });
    expect((await handler(new Request(`${APP}/api/a2e/api/v1/userDubbing/66ea4dd8`))).status).toBe(200);
    expect((await handler(new Request(`${APP}/api/a2e/api/v1/userNanoBanana/detail/x%2Fy`))).status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/api/v1/userDubbing/66ea4dd8',
      '/api/v1/userNanoBanana/detail/x%2Fy',
    ]);
  });

  const specOps = () =>
    Object.values(api)
      .flatMap((ops) => Object.entries(ops) as [OperationId, { method: string; path: string }][])
      .filter(([, { path }]) => !path.startsWith('/api/v1/streaming-avatar/') || path.endsWith('/all_avatars'));
  const send = (handler: (r: Request) => Promise<Response>, method: string, path: string) =>
    handler(
      new Request(APP + path.replace(/\{[^}]+\}/g, 'id1'), {
        method,
        ...(method === 'POST' || method === 'PUT' ? { body: '{}' } : {}),
      }),
    );

  it('every (method, path) of the spec by default but the privileged ones and the streaming session routes', async () => {
    const handler = proxy();
    const ops = specOps().filter(([id]) => !(id in privileged));
    for (const [, { method, path }] of ops)
      expect((await send(handler, method, path)).status, `${method} ${path}`).toBe(200);
    expect(upstream.requests).toHaveLength(ops.length);
  });

  it('no account or destructive operation by default (403, nothing upstream); each one once named in allowOperations', async () => {
    const ops = specOps().filter(([id]) => id in privileged);
    expect(ops.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        'createLoginToken',
        'createApiToken',
        'addUser',
        'exchangeDiamonds',
        'deleteDubbing',
        'deleteVideoTwin',
      ]),
    );
    const closed = proxy();
    for (const [id, { method, path }] of ops) {
      const res = await send(closed, method, path);
      expect(res.status, id).toBe(403);
      expect(((await res.json()) as { msg: string }).msg).toContain(id);
    }
    expect(upstream.requests).toEqual([]);
    const open = proxy({ allowOperations: ops.map(([id]) => id) });
    for (const [id, { method, path }] of ops) expect((await send(open, method, path)).status, id).toBe(200);
    expect(upstream.requests).toHaveLength(ops.length);
  });

  it('a named deletion alongside allowedPaths, and nothing else of the account', async () => {
    const handler = proxy({ allowedPaths: ['/api/v1/userDubbing/startDubbing'], allowOperations: ['deleteDubbing'] });
    expect((await handler(new Request(`${APP}/api/v1/userDubbing/d1`, { method: 'DELETE' }))).status).toBe(200);
    expect((await handler(new Request(`${APP}/api/v1/userDubbing/d1`))).status).toBe(403); // its path's read was not named
    expect((await handler(new Request(`${APP}/api/v1/userVoice/v1`, { method: 'DELETE' }))).status).toBe(404);
    expect(() => proxy({ allowOperations: ['dropEverything' as OperationId] })).toThrow(
      /not operations of the spec: dropEverything/,
    );
  });
});

describe('createA2EProxy refuses, without calling upstream,', () => {
  const refused = async (request: Request, status: number, handler = proxy()) => {
    const res = await handler(request);
    expect(res.status, `${request.method} ${request.url}`).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { code: number; msg: string };
    expect(body.code).toBe(status);
    expect(body.msg).toEqual(expect.any(String));
    expect(upstream.requests).toEqual([]);
    return res;
  };

  it('paths outside the spec with 404', async () => {
    await refused(new Request(`${APP}/api/v1/admin/users`), 404);
    await refused(new Request(`${APP}/`), 404);
    await refused(new Request(`${APP}/api/v1/userDubbing/a/b`), 404); // two segments for one parameter
    await refused(new Request(`${APP}/api/v1/userDubbing/x/../../admin`), 404); // URL parsing resolves it to /api/v1/admin
    await refused(new Request(`${APP}/api/v1/userDubbing/%2e%2e`), 404); // resolves to /api/v1/
    await refused(new Request(`${APP}/other/api/v1/userDubbing/allRecords`), 404, proxy({ basePath: '/api/a2e' }));
  });

  it('a spec path with a method it does not have with 405 and Allow', async () => {
    const res = await refused(new Request(`${APP}/api/v1/userDubbing/allRecords`, { method: 'POST', body: '{}' }), 405);
    expect(res.headers.get('allow')).toBe('GET'); // also matches /userDubbing/{_id}, whose DELETE is not offered by default
    await refused(new Request(`${APP}/api/v1/userDubbing/startDubbing`, { method: 'OPTIONS' }), 405);
  });

  it('paths left out by allowedPaths, and an allowedPaths entry that is not in the spec at creation', async () => {
    const handler = proxy({ allowedPaths: ['/api/v1/userDubbing/startDubbing', '/api/v1/userDubbing/{_id}'] });
    await refused(new Request(`${APP}/api/v1/user/remainingCoins`), 404, handler);
    expect(() => proxy({ allowedPaths: ['/api/v1/admin'] })).toThrow(/not paths of the spec: \/api\/v1\/admin/);
  });

  it('a body over maxBodyBytes with 413', async () => {
    await refused(
      new Request(`${APP}/api/v1/userDubbing/startDubbing`, { method: 'POST', body: 'x'.repeat(2048) }),
      413,
      proxy({ maxBodyBytes: 1024 }),
    );
  });
});

describe('createA2EProxy', () => {
  it('needs an apiKey', () => {
    expect(() => createA2EProxy({ apiKey: '' })).toThrow(/apiKey is required/);
  });

  it('answers 502 without detail when upstream cannot be reached', async () => {
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: 'http://127.0.0.1:9' })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toEqual({ code: 502, msg: 'A2E could not be reached' });
  });

  it('lets a keyless client work against Prism, which refuses the same call without the token', async () => {
    const handler = createA2EProxy({ apiKey: KEY, baseUrl: prism.url });
    const browser = createA2EClient({
      baseUrl: APP,
      apiKey: '',
      fetch: (url, init) => handler(new Request(url, init)),
      maxRetries: 0,
    });
    const job = await browser.dubbing.startDubbing({ source_url: 'https://x/a.mp3', target_lang: 'fr' });
    expect(job._id).toEqual(expect.any(String));
    expect((await browser.dubbing.getDubbing({ _id: job._id! })).current_status).toBe('completed');
    const direct = createA2EClient({ baseUrl: prism.url, apiKey: '', maxRetries: 0 });
    await expect(direct.dubbing.getDubbing({ _id: job._id! })).rejects.toBeInstanceOf(AuthenticationError);
  });
});
