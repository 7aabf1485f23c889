import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

describe('timeouts and aborts', () => {
  it('times out each attempt, counting from the request and not from client creation', async () => {
    const client = testClient(server.url, { timeoutMs: 600, maxRetries: 0 });
    await new Promise((r) => setTimeout(r, 700)); // longer than the timeout: a client-level clock would fire at once
    server.reply({ delayMs: 20, body: { code: 0, data: { coins: 1 } } });
    await expect(client.misc.getRemainingCoins()).resolves.toEqual({ coins: 1 });
    server.reply({ delayMs: 2000, body: { code: 0, data: {} } });
    const error = await client.misc.getRemainingCoins().catch((e) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(error.timeoutMs).toBe(600);
  });

  it('retries a timed-out read, but not a timed-out paid call', async () => {
    server.reply({ delayMs: 3000 });
    await expect(
      testClient(server.url, { timeoutMs: 300, maxRetries: 2 }).misc.getRemainingCoins(),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(3);
    server.reply({ delayMs: 3000 });
    await expect(
      testClient(server.url, { timeoutMs: 300, maxRetries: 2 }).dubbing.startDubbing({}),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('applies the timeout to a body that stalls after the headers', async () => {
    server.reply({ partial: '{"code":0,"da' });
    await expect(
      testClient(server.url, { timeoutMs: 500, maxRetries: 0 }).misc.getRemainingCoins(),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('fails a body cut off mid-way as a connection error', async () => {
    server.reply({ partial: '{"code":0,"da', drop: true });
    await expect(testClient(server.url, { maxRetries: 0 }).misc.getRemainingCoins()).rejects.toBeInstanceOf(
      APIConnectionError,
    );
  });

  it('stops at once when the caller aborts, and does not retry', async () => {
    server.reply({ delayMs: 5000 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(
      testClient(server.url).misc.getRemainingCoins(undefined, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to start with an already aborted signal', async () => {
    server.reply({ body: { code: 0, data: {} } });
    await expect(
      testClient(server.url).misc.getRemainingCoins(undefined, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });
});
