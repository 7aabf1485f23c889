// The proxy's limits in bytes and time: a body with no Content-Length is counted as it arrives and cut off
// at maxBodyBytes (measured by the bytes the handler pulled and the cancel it sent, not by process memory),
// an upstream that does not answer costs timeoutMs and a 504, an oversized answer a 502.
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createA2EProxy } from '../../src/proxy/index.js';

const KEY = 'sk_proxy_limits_canary';
const APP = 'http://app.test';
const CHUNK = 64 * 1024;
let upstream: ScriptedServer;
beforeAll(async () => {
  upstream = await startScriptedServer();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reply({ body: { code: 0, data: {} } }));

/** A chunked body of `totalBytes` that records how much was pulled from it and whether it was cancelled. */
function meteredBody(totalBytes: number) {
  const meter = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (meter.pulled >= totalBytes) {
          controller.close();
          return;
        }
        meter.pulled += CHUNK;
        controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
      },
      cancel() {
        meter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, meter };
}
const chunkedPost = (path: string, stream: ReadableStream<Uint8Array>) =>
  new Request(APP + path, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);

describe('createA2EProxy request bodies', () => {
  it.each([
    ['a forwarded operation', '/api/v1/userDubbing/startDubbing'],
    ['a streaming route', '/api/v1/streaming-avatar/agora-token'],
  ])('stops reading a chunked body at maxBodyBytes on %s, cancels it and answers 413', async (_, path) => {
    const maxBodyBytes = 256 * 1024;
    const { stream, meter } = meteredBody(16 * 1024 * 1024);
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url, maxBodyBytes })(chunkedPost(path, stream));
    expect(res.status).toBe(413);
    expect(meter.pulled).toBeLessThanOrEqual(maxBodyBytes + 2 * CHUNK);
    expect(meter.cancelled).toBe(true);
    expect(upstream.requests).toEqual([]);
  });

  it('still forwards a chunked body within the limit, whole', async () => {
    const { stream, meter } = meteredBody(3 * CHUNK);
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url })(
      chunkedPost('/api/v1/userDubbing/startDubbing', stream),
    );
    expect(res.status).toBe(200);
    expect(meter.cancelled).toBe(false);
    expect(upstream.requests[0]!.body).toHaveLength(3 * CHUNK);
  });
});

describe('createA2EProxy upstream limits', () => {
  it('answers 504 after timeoutMs when A2E does not answer, with no secret in it, and drops the connection', async () => {
    upstream.reply({ body: { code: 0, data: {} }, delayMs: 5_000 });
    const signals: AbortSignal[] = [];
    const recording: typeof fetch = (input, init) => {
      signals.push(init!.signal!);
      return fetch(input, init);
    };
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url, timeoutMs: 150, fetch: recording })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    expect(res.status).toBe(504);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toEqual({ code: 504, msg: 'A2E did not answer in time' });
    expect(signals[0]!.aborted).toBe(true);
  });

  it('answers 504 when the answer body stalls past timeoutMs', async () => {
    upstream.reply({ partial: '{"code":0,' });
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url, timeoutMs: 150 })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    expect(res.status).toBe(504);
  });

  it('answers 502 to an answer over maxAnswerBytes', async () => {
    upstream.reply({ body: { code: 0, data: 'x'.repeat(4096) } });
    const res = await createA2EProxy({ apiKey: KEY, baseUrl: upstream.url, maxAnswerBytes: 1024 })(
      new Request(`${APP}/api/v1/user/remainingCoins`),
    );
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain('xxxx');
  });

  it('refuses at creation a key with a line break, without quoting it', () => {
    expect(() => createA2EProxy({ apiKey: `${KEY}\r\nx-evil: 1` })).toThrow(/apiKey contains a line break/);
    const error = (() => {
      try {
        createA2EProxy({ apiKey: `${KEY}\n` });
      } catch (e) {
        return e;
      }
    })();
    expect(String(error)).toMatch(/line break/);
    expect(String(error)).not.toContain(KEY);
  });
});
