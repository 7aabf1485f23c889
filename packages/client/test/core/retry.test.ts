import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError, InternalServerError, RateLimitError, type LogEvent } from '../../src/index.js';
import { retryDelayMs } from '../../src/core/retry.js';
import { retryAfterMs } from '../../src/core/errors.js';
import { testClient } from '../helpers/client.js';
import { closedPort, startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const ok = { body: { code: 0, data: { coins: 1, diamonds: 0 } } };

describe('retries by operation kind', () => {
  it('retries a read on 5xx and 408 until it succeeds', async () => {
    server.reply({ status: 503 }, { status: 408 }, ok);
    await expect(testClient(server.url).misc.getRemainingCoins()).resolves.toEqual({ coins: 1, diamonds: 0 });
    expect(server.requests).toHaveLength(3);
  });

  it('stops after maxRetries and throws the last error', async () => {
    server.reply({ status: 502, body: { code: 502, msg: 'bad gateway' } });
    await expect(testClient(server.url, { maxRetries: 1 }).misc.getRemainingCoins()).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('never replays a paid job start after a 5xx (the server may have started it)', async () => {
    server.reply({ status: 503 }, ok);
    await expect(testClient(server.url).dubbing.startDubbing({ source_url: 'https://x/a.mp3' })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('never replays a write after a 408 either', async () => {
    server.reply({ status: 408 }, ok);
    await expect(testClient(server.url).dubbing.deleteDubbing({ _id: 'a' })).rejects.toMatchObject({ status: 408 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a paid call after 429, honouring retry-after-ms', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '120' } }, { body: { code: 0, data: { _id: 'job1' } } });
    const started = Date.now();
    await expect(testClient(server.url).dubbing.startDubbing({ source_url: 'https://x/a.mp3' })).resolves.toEqual({
      _id: 'job1',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body).toBe(server.requests[1]!.body);
  });

  it('surfaces a 429 that outlasts the retries as RateLimitError with its Retry-After', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '0' } });
    const error = await testClient(server.url, { maxRetries: 1 })
      .misc.getRemainingCoins()
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(0);
  });

  it('retries a paid call when the connection is refused (nothing was sent)', async () => {
    const events: LogEvent[] = [];
    const client = testClient(await closedPort(), { logger: (e) => events.push(e) });
    await expect(client.dubbing.startDubbing({ source_url: 'https://x/a.mp3' })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(events.filter((e) => e.type === 'request')).toHaveLength(3);
  });

  it('does not replay a paid call whose connection dropped after sending', async () => {
    server.reply({ drop: true });
    await expect(testClient(server.url).dubbing.startDubbing({ source_url: 'https://x/a.mp3' })).rejects.toBeInstanceOf(
      APIConnectionError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a read whose connection dropped', async () => {
    server.reply({ drop: true }, ok);
    await expect(testClient(server.url).misc.getRemainingCoins()).resolves.toBeTruthy();
    expect(server.requests).toHaveLength(2);
  });

  it('treats a read-only POST (x-a2e-kind: read) as safe to retry', async () => {
    server.reply({ status: 500 }, { body: { code: 0, data: [] } });
    await expect(testClient(server.url).avatarVideos.getAvatarVideo({ _id: 'v1' })).resolves.toEqual([]);
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('retryDelayMs', () => {
  it('follows Retry-After in seconds and as a date, else backs off exponentially with jitter', () => {
    expect(retryDelayMs(0, new Headers({ 'retry-after': '2' }))).toBe(2000);
    const inAMinute = new Date(Date.now() + 3000).toUTCString();
    expect(retryDelayMs(0, new Headers({ 'retry-after': inAMinute }))).toBeGreaterThan(1000);
    for (const attempt of [0, 1, 2, 3, 4, 5]) {
      const d = retryDelayMs(attempt, undefined);
      const base = Math.min(500 * 2 ** attempt, 8000);
      expect(d).toBeGreaterThanOrEqual(base * 0.75);
      expect(d).toBeLessThanOrEqual(base);
    }
  });
});

describe('Retry-After: followed up to maxRetryAfterMs, and only when it is a wait', () => {
  it('follows a server wait longer than maxDelayMs (no hidden 8 × maxDelayMs cap)', () => {
    expect(retryDelayMs(0, new Headers({ 'retry-after': '30' }), { maxDelayMs: 20 })).toBe(30_000);
    expect(retryDelayMs(0, new Headers({ 'retry-after': '60' }))).toBe(60_000);
  });

  it('gives no delay (no retry) beyond the ceiling', () => {
    expect(retryDelayMs(0, new Headers({ 'retry-after': '61' }))).toBeUndefined();
    expect(retryDelayMs(0, new Headers({ 'retry-after-ms': '5000' }), { maxRetryAfterMs: 1000 })).toBeUndefined();
  });

  it.each(['0x10', '1e3', '-5', '+5', '1.5', ' ', 'soon', 'Infinity', '10 20'])(
    'ignores Retry-After "%s" (backoff instead)',
    (value) => {
      const d = retryDelayMs(0, new Headers({ 'retry-after': value }))!;
      expect(d).toBeGreaterThanOrEqual(375);
      expect(d).toBeLessThanOrEqual(500);
    },
  );

  it.each(['0x10', '1e3', '-5', 'NaN', ''])('ignores retry-after-ms "%s" and falls back to Retry-After', (value) => {
    expect(retryDelayMs(0, new Headers({ 'retry-after-ms': value, 'retry-after': '2' }))).toBe(2000);
  });

  it('accepts retry-after-ms with a fraction, and all three HTTP-date forms', () => {
    expect(retryDelayMs(0, new Headers({ 'retry-after-ms': '12.5' }))).toBe(12.5);
    const now = Date.parse('Sun, 06 Nov 1994 08:49:07 GMT');
    const at = (v: string) => retryAfterMs(new Headers({ 'retry-after': v }), now);
    expect(at('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(30_000);
    expect(at('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(30_000);
    expect(at('Sun Nov  6 08:49:37 1994')).toBe(30_000);
    expect(at('1994-11-06T08:49:37Z')).toBeUndefined(); // an ISO date is not an HTTP date
  });

  it('a 429 asking for longer than maxRetryAfterMs is not retried: RateLimitError with retryAfterMs', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '120' }, body: { code: 429, msg: 'slow down' } }, ok);
    const e = await testClient(server.url, { maxRetryAfterMs: 60_000 })
      .dubbing.startDubbing({ source_url: 'https://x/a.mp3' })
      .catch((x) => x);
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });

  it('a 429 within the ceiling is waited for and retried', async () => {
    server.reply({ status: 429, headers: { 'retry-after-ms': '30' }, body: { code: 429 } }, ok);
    await expect(testClient(server.url, { maxRetryAfterMs: 100 }).misc.getRemainingCoins()).resolves.toEqual(
      ok.body.data,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('a 429 with an invalid Retry-After is retried after the normal backoff', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '1e3' }, body: { code: 429 } }, ok);
    const started = Date.now();
    const client = testClient(server.url, { backoff: { initialDelayMs: 5, maxDelayMs: 2000 } });
    await expect(client.misc.getRemainingCoins()).resolves.toEqual(ok.body.data);
    expect(Date.now() - started).toBeLessThan(4000); // 1e3 read as 1000 s would have waited (at least 16 s)
    expect(server.requests).toHaveLength(2);
  });
});
