import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inspect } from 'node:util';
import { api, createA2EClient, InternalServerError, InvalidRequestError, servers } from '../src/index.js';
import { testClient } from './helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createA2EClient', () => {
  it('has a method for every operation of the spec, grouped by tag', () => {
    const client = testClient(server.url) as unknown as Record<string, Record<string, unknown>>;
    const ops = Object.entries(api).flatMap(([tag, group]) => Object.keys(group).map((id) => [tag, id] as const));
    expect(ops.length).toBeGreaterThanOrEqual(261);
    for (const [tag, id] of ops) expect(typeof client[tag]![id], `${tag}.${id}`).toBe('function');
  });

  it('reads the key from A2E_API_KEY and defaults to the global server', () => {
    vi.stubEnv('A2E_API_KEY', 'sk_from_env_123');
    const seen: string[] = [];
    const client = createA2EClient({
      fetch: async (url, init) => {
        seen.push(`${url} ${(init!.headers as Record<string, string>).authorization}`);
        return new Response('{"code":0,"data":{}}');
      },
    });
    return client.misc
      .getRemainingCoins()
      .then(() => expect(seen).toEqual([`${servers.global}/api/v1/user/remainingCoins Bearer sk_from_env_123`]));
  });

  it('sends path parameters in the path, the rest as query (GET) or JSON body (POST), with default headers', async () => {
    server.reply({ body: { code: 0, data: {} } });
    const client = testClient(server.url, { headers: { 'x-lang': 'en-US' } });
    await client.dubbing.getDubbing({ _id: 'd1' });
    await client.dubbing.listDubbings({ pageNum: 2, pageSize: 5 });
    await client.dubbing.startDubbing({ source_url: 'https://x/a.mp3', target_lang: 'fr' });
    await client.misc.listLanguages({ lang: 'en' } as never);
    expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', '/api/v1/userDubbing/d1', ''],
      ['GET', '/api/v1/userDubbing/allRecords?pageNum=2&pageSize=5', ''],
      ['POST', '/api/v1/userDubbing/startDubbing', '{"source_url":"https://x/a.mp3","target_lang":"fr"}'],
      ['POST', '/api/v1/anchor/language_list?lang=en', '{}'],
    ]);
    expect(server.requests[2]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-lang': 'en-US',
      authorization: 'Bearer sk_test_key_0000',
    });
  });

  it('accepts a relative baseUrl (a same-origin proxy in a browser)', async () => {
    const seen: string[] = [];
    const client = createA2EClient({
      baseUrl: '/api/a2e/',
      fetch: async (url) => {
        seen.push(String(url));
        return new Response('{"code":0,"data":{"coins":2}}');
      },
    });
    await expect(client.misc.getRemainingCoins()).resolves.toEqual({ coins: 2 });
    expect(seen).toEqual(['/api/a2e/api/v1/user/remainingCoins']);
  });

  it('call() gives the data, the whole body and the raw response', async () => {
    server.reply({ headers: { 'x-trace': 't1' }, body: { code: 0, data: { coins: 3 }, trace_id: 'abc' } });
    const r = await testClient(server.url).call('getRemainingCoins');
    expect(r.data).toEqual({ coins: 3 });
    expect(r.body.trace_id).toBe('abc');
    expect(r.response.headers.get('x-trace')).toBe('t1');
  });
});

describe('the raw openapi-fetch client', () => {
  it('is typed by path and returns { data, error, response } through the same transport', async () => {
    server.reply({ status: 503 }, { body: { code: 0, data: { _id: 'd1', current_status: 'completed' } } });
    const { data, error, response } = await testClient(server.url).GET('/api/v1/userDubbing/{_id}', {
      params: { path: { _id: 'd1' } },
    });
    expect(error).toBeUndefined();
    expect(data?.data?.current_status).toBe('completed');
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2); // the 503 was retried beneath openapi-fetch
  });

  it('keeps the no-replay rule for paid calls and always gives an error body', async () => {
    server.reply({ status: 502 });
    const { error, response } = await testClient(server.url).POST('/api/v1/userDubbing/startDubbing', { body: {} });
    expect(response.status).toBe(502);
    expect(error).toEqual({ code: 502, msg: 'Bad Gateway' });
    expect(server.requests).toHaveLength(1);
  });

  it('named methods throw typed errors where the raw client returns them', async () => {
    server.reply({ status: 500, body: { code: 500, msg: 'boom' } });
    await expect(testClient(server.url, { maxRetries: 0 }).misc.getRemainingCoins()).rejects.toBeInstanceOf(
      InternalServerError,
    );
  });
});

describe('createA2EClient refuses options that could never make a request', () => {
  const CANARY = 'sk_CANARY_creation_4d5e6f';
  it.each([
    ['a key with a newline', { apiKey: `${CANARY}\n` }],
    ['a key with CR LF and a header after it', { apiKey: `${CANARY}\r\nx-evil: 1` }],
    ['a key with a NUL', { apiKey: `${CANARY}\u0000` }],
    ['a key beyond Latin-1', { apiKey: `${CANARY}\u2028` }],
    ['a header value with CR/LF', { apiKey: CANARY, headers: { 'x-lang': `en\r\n${CANARY}` } }],
    ['a header name with a space', { apiKey: CANARY, headers: { 'x lang': 'en' } }],
    ['a baseUrl that is not a URL', { apiKey: CANARY, baseUrl: 'not a url' }],
    ['a baseUrl with another scheme', { apiKey: CANARY, baseUrl: 'ftp://example.com' }],
    ['a protocol-relative baseUrl', { apiKey: CANARY, baseUrl: '//example.com' }],
    ['a negative timeoutMs', { apiKey: CANARY, timeoutMs: -1 }],
    ['maxResponseBytes NaN', { apiKey: CANARY, maxResponseBytes: Number.NaN }],
  ])('%s: InvalidRequestError at creation, naming no secret', (_, options) => {
    const fetch = vi.fn(globalThis.fetch);
    let error: unknown;
    try {
      createA2EClient({ baseUrl: server.url, fetch, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(`${String(error)} ${(error as Error).stack} ${inspect(error)}`).not.toContain(CANARY);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('still accepts absolute http(s) base URLs and a same-origin path', () => {
    for (const baseUrl of ['https://video.a2e.ai', 'http://127.0.0.1:4010/', '/api/a2e']) {
      expect(() => createA2EClient({ apiKey: 'sk_ok_1234', baseUrl })).not.toThrow();
    }
  });
});
