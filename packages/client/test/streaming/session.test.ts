// StreamingSession against a recording loopback stand-in: every exit path leaves exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIError,
  createA2EClient,
  InvalidRequestError,
  InvalidResponseError,
  StreamingCapacityError,
  type StreamingSession,
} from '../../src/index.js';
import { dataShape, startStandIn, type StandIn } from '../helpers/streaming.js';

const KEY = 'sk_streaming_canary';
let a2e: StandIn;
beforeAll(async () => {
  a2e = await startStandIn();
});
afterAll(() => a2e.server.close());
beforeEach(() => a2e.reset());

const client = () => createA2EClient({ apiKey: KEY, baseUrl: a2e.server.url, maxRetries: 0 });
const start = (durationSeconds = 300, signal?: AbortSignal) =>
  client().startStreamingSession({ avatarId: 'av1', durationSeconds, ...(signal && { signal }) });
const settle = () => new Promise((ok) => setTimeout(ok, 100));

describe('startStreamingSession', () => {
  it('asks for a token with the server key and hands back only the Agora credentials', async () => {
    const before = Date.now();
    const session = await start(120);
    expect(session.credentials).toMatchObject({ appId: 'app-1', channel: 'ch-1', token: 'agora-token-1', uid: 1001 });
    expect(session.credentials.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    const [call] = a2e.calls('agora-token');
    expect(JSON.parse(call!.body)).toEqual({ avatar_id: 'av1', expire_seconds: 120 });
    expect(call!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.stringify(session.credentials)).not.toContain(KEY);
    await session.leave();
  });

  it('reads the Agora values at the top level of the envelope too, with expire_date_UTC', async () => {
    a2e.token = () => ({
      body: {
        code: 0,
        appId: 'app-top',
        channel: 'top',
        token: 't',
        uid: '42',
        expire_date_UTC: '2030-01-01T00:00:00Z',
      },
    });
    const session = await start();
    expect(session.credentials).toEqual({
      appId: 'app-top',
      channel: 'top',
      token: 't',
      uid: '42',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });
    await session.leave();
  });

  it('takes expire_epoch_timestamp in seconds as the expiry', async () => {
    a2e.token = (n) => dataShape(n, { expire_epoch_timestamp: 1_900_000_000 });
    const session = await start();
    expect(session.credentials.expiresAt.toISOString()).toBe(new Date(1_900_000_000_000).toISOString());
    await session.leave();
  });

  it('refuses an answer without the values a viewer needs', async () => {
    a2e.token = () => ({ body: { code: 0, data: { token: 't' } } });
    await expect(start()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('leaves the channel of an answer that lacks a value it needs (uid), then throws InvalidResponseError', async () => {
    a2e.token = (n) => ({ body: { code: 0, data: { appId: 'app-1', channel: `ch-${n}`, token: 't' } } });
    await expect(start()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('leaves every channel a broken answer names, under data and at the top level', async () => {
    a2e.token = () => ({ body: { code: 0, channel: 'top', data: { channel: 'inner' } } });
    await expect(start()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(a2e.leaves().sort()).toEqual(['inner', 'top']);
  });

  it('times out on time, then leaves the session of a token answer that arrives within the grace period', async () => {
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 2_000 });
    const started = Date.now();
    const error = await client()
      .startStreamingSession({ avatarId: 'av1', durationSeconds: 60, timeoutMs: 100, lateAnswerGraceMs: 10_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_800); // the error did not wait for the late answer
    expect(a2e.leaves()).toEqual([]);
    await vi.waitFor(() => expect(a2e.leaves()).toEqual(['ch-1']), { timeout: 10_000, interval: 50 });
    expect(a2e.calls('agora-token')).toHaveLength(1);
  });

  it("takes the client's timeoutMs by default, and closes the connection once the grace period is over", async () => {
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 5_000 });
    const signals: AbortSignal[] = [];
    const recording: typeof fetch = (input, init) => {
      if (init?.signal) signals.push(init.signal);
      return fetch(input, init);
    };
    const slow = createA2EClient({
      apiKey: KEY,
      baseUrl: a2e.server.url,
      maxRetries: 0,
      timeoutMs: 100,
      fetch: recording,
    });
    await expect(
      slow.startStreamingSession({ avatarId: 'av1', durationSeconds: 60, lateAnswerGraceMs: 200 }),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    await vi.waitFor(() => expect(signals[0]!.aborted).toBe(true), { timeout: 4_000, interval: 25 });
  });

  it('throws StreamingCapacityError (an APIError) when all hosts are occupied, and leaves nothing', async () => {
    a2e.token = () => ({ body: { code: 1001, msg: 'all hosts are occupied, please try later' } });
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamingCapacityError);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).code).toBe(1001);
    expect(a2e.leaves()).toEqual([]);
  });

  it('keeps another non-zero code a plain APIError', async () => {
    a2e.token = () => ({ body: { code: 500, msg: 'internal' } });
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(StreamingCapacityError);
  });
});

describe('a session', () => {
  it('sends context, questions and lines on its channel', async () => {
    const session = await start();
    await session.setContext('We sell bikes.');
    await session.ask('What do you sell?');
    await session.speak('Hello!');
    expect(JSON.parse(a2e.calls('set-qa-context')[0]!.body)).toEqual({ channel: 'ch-1', text: 'We sell bikes.' });
    expect(JSON.parse(a2e.calls('ask')[0]!.body)).toEqual({ channel: 'ch-1', text: 'What do you sell?' });
    expect(JSON.parse(a2e.calls('speak')[0]!.body)).toEqual({ channel: 'ch-1', text: 'Hello!' });
    a2e.other = () => ({ body: { code: 0, data: { context: 'We sell bikes.' } } });
    expect(await session.getContext()).toBe('We sell bikes.');
    expect(new URL(a2e.calls('get_qa_context')[0]!.url, 'http://x').searchParams.get('channel')).toBe('ch-1');
    await session.leave();
  });

  it('leaves once on a normal end, however often leave() is called', async () => {
    const session = await start();
    await Promise.all([session.leave(), session.leave()]);
    await session.leave();
    expect(a2e.leaves()).toEqual(['ch-1']);
    expect(session.left).toBe(true);
    expect(await session.ended).toBe('leave');
    expect(a2e.calls('leave')[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('refuses to ask after leaving, without sending', async () => {
    const session = await start();
    await session.leave();
    await expect(session.ask('still there?')).rejects.toBeInstanceOf(InvalidRequestError);
    expect(a2e.calls('ask')).toEqual([]);
  });

  it('leaves once at the end of an `await using` block', async () => {
    let channel: string;
    {
      await using session = await start();
      channel = session.channel;
      await session.ask('hi');
      expect(a2e.leaves()).toEqual([]);
    }
    expect(a2e.leaves()).toEqual([channel]);
  });

  it('leaves once when the block throws', async () => {
    let session: StreamingSession | undefined;
    const run = async () => {
      await using s = await start();
      session = s;
      throw new Error('the app broke');
    };
    await expect(run()).rejects.toThrow('the app broke');
    expect(a2e.leaves()).toEqual(['ch-1']);
    await session!.leave();
    expect(a2e.leaves()).toHaveLength(1);
  });

  it('leaves once on abort', async () => {
    const controller = new AbortController();
    const session = await start(300, controller.signal);
    controller.abort();
    expect(await session.ended).toBe('abort');
    controller.signal.dispatchEvent(new Event('abort'));
    await session.leave();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('leaves at once when aborted before the token arrived, and says so', async () => {
    const controller = new AbortController();
    a2e.token = (n) => ({ ...dataShape(n), delayMs: 200 });
    const pending = start(300, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('leaves once at expiry', async () => {
    a2e.token = (n) => dataShape(n, { expire_epoch_timestamp: Date.now() + 300 });
    const session = await start(1);
    expect(await session.ended).toBe('expiry');
    await session.leave();
    await settle();
    expect(a2e.leaves()).toEqual(['ch-1']);
  });

  it('tries again after a failed leave, since the meter is still running', async () => {
    const session = await start();
    a2e.other = () => ({ status: 503, body: { code: 503, msg: 'busy' } });
    await expect(session.leave()).rejects.toBeInstanceOf(APIError);
    expect(session.left).toBe(false);
    a2e.other = () => ({ body: { code: 0 } });
    await session.leave();
    expect(session.left).toBe(true);
    expect(a2e.leaves()).toEqual(['ch-1', 'ch-1']);
  });
});
