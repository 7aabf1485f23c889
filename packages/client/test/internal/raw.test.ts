// The raw openapi-fetch path without a Request clone per attempt (see src/internal/raw.ts): a body is
// re-sent byte for byte on a retry, middlewares that want a real Request still get one, and a
// middleware that returns its own Request goes through the same transport.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIUserAbortError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
const ok = { body: { code: 0, data: { _id: 'd1' } } };

describe('the raw client', () => {
  it('re-sends a JSON body on each retry, unchanged, with its content-type', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '1' } }, ok);
    const body = { source_url: 'https://x/a.mp3', source_lang: 'auto', target_lang: 'en' };
    const { data, response } = await testClient(server.url).POST('/api/v1/userDubbing/startDubbing', {
      body: body as never,
    });
    expect(response.status).toBe(200);
    expect((data as { data: { _id: string } }).data._id).toBe('d1');
    expect(server.requests.map((r) => r.body)).toEqual([JSON.stringify(body), JSON.stringify(body)]);
    expect(server.requests.map((r) => r.headers['content-type'])).toEqual(['application/json', 'application/json']);
    expect(server.requests[1]!.headers.authorization).toBe('Bearer sk_test_key_0000');
  });

  it('retries a read POST after a 503 and sends its query beside the body', async () => {
    server.reply({ status: 503 }, ok);
    const { response } = await testClient(server.url).POST('/api/v1/anchor/language_list', {
      params: { query: { lang: 'en' } } as never,
      body: {} as never,
    });
    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/anchor/language_list?lang=en',
      '/api/v1/anchor/language_list?lang=en',
    ]);
  });

  it('gives a middleware a Request it can read, and sends the Request a middleware returns (retried too)', async () => {
    server.reply({ status: 503 }, ok);
    const a2e = testClient(server.url);
    const seen: unknown[] = [];
    a2e.use({
      async onRequest({ request }) {
        const hasBody = request.method !== 'GET';
        if (hasBody) seen.push(await request.clone().json());
        const headers = new Headers(request.headers);
        headers.set('x-trace', 't1');
        return new Request(request.url, {
          method: request.method,
          headers,
          ...(hasBody && { body: await request.text() }),
        });
      },
    });
    const { response } = await a2e.POST('/api/v1/userDubbing/startDubbing', {
      body: { source_url: 'https://x/b.mp3' } as never,
    });
    expect(response.status).toBe(503); // a paid start is not replayed after a 5xx: the server may have taken it
    expect(seen).toEqual([{ source_url: 'https://x/b.mp3' }]);
    expect(server.requests.map((r) => [r.headers['x-trace'], r.body])).toEqual([
      ['t1', '{"source_url":"https://x/b.mp3"}'],
    ]);

    server.reply({ status: 503 }, ok);
    const read = await a2e.GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: 'd1' } } });
    expect(read.response.status).toBe(200);
    expect(server.requests.map((r) => r.headers['x-trace'])).toEqual(['t1', 't1']); // the returned Request, retried
  });

  it('hands back the answer readable again: clone(), and a stream for parseAs "stream"', async () => {
    server.reply(ok);
    const a2e = testClient(server.url);
    const { data, response } = await a2e.GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: 'd1' } } });
    expect(data).toEqual(ok.body);
    expect(await response.clone().json()).toEqual(ok.body);
    const streamed = await a2e.GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: 'd1' } }, parseAs: 'stream' });
    expect(await new Response(streamed.data as ReadableStream).json()).toEqual(ok.body);
  });

  it("stops at the caller's signal", async () => {
    server.reply({ ...ok, delayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(
      testClient(server.url).GET('/api/v1/userDubbing/{_id}', {
        params: { path: { _id: 'd1' } },
        signal: controller.signal,
      }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
