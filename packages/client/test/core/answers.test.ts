// What the transport does with an answer: it refuses redirects for write and paid calls, stops
// reading at maxResponseBytes, tells an undecodable body from a dropped connection, and survives a
// logger that throws.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIError, InvalidResponseError, type LogEvent } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const ok = { body: { code: 0, data: { coins: 1 } } };

describe('redirects', () => {
  it.each([307, 308, 302, 301])(
    'a paid call answered with %i is an APIError, and the body goes nowhere else',
    async (status) => {
      server.reply({ status, headers: { location: '/api/v1/elsewhere' } }, ok);
      const e = await testClient(server.url)
        .dubbing.startDubbing({ source_url: 'https://x/a.mp3', webhook_url: 'https://hook?token=t' } as never)
        .catch((x) => x);
      expect(e).toBeInstanceOf(APIError);
      expect(e.status).toBe(status);
      expect(e.message).toContain('redirect');
      expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/userDubbing/startDubbing']);
    },
  );

  it('a write is not redirected either, nor retried', async () => {
    server.reply({ status: 307, headers: { location: '/api/v1/elsewhere' } }, ok);
    const e = await testClient(server.url)
      .call('deleteDubbing' as never, { _id: 'd1' } as never)
      .catch((x) => x);
    expect(e).toBeInstanceOf(APIError);
    expect(server.requests).toHaveLength(1);
  });

  it('the raw client refuses it for a paid call as well', async () => {
    server.reply({ status: 308, headers: { location: '/api/v1/elsewhere' } }, ok);
    const e = await testClient(server.url)
      .POST('/api/v1/userDubbing/startDubbing', { body: { source_url: 'https://x/a.mp3' } as never })
      .catch((x) => x);
    expect(e).toBeInstanceOf(APIError);
    expect(server.requests).toHaveLength(1);
  });

  it('a read still follows a redirect', async () => {
    server.reply({ status: 302, headers: { location: '/api/v1/user/remainingCoins?moved=1' } }, ok);
    await expect(testClient(server.url).misc.getRemainingCoins()).resolves.toEqual({ coins: 1 });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/user/remainingCoins',
      '/api/v1/user/remainingCoins?moved=1',
    ]);
  });
});

describe('bodies that cannot be decoded', () => {
  it('a body that is not the gzip it claims is an InvalidResponseError, not retried', async () => {
    server.reply({ headers: { 'content-encoding': 'gzip' }, body: 'this is not gzip at all' });
    const e = await testClient(server.url)
      .misc.getRemainingCoins()
      .catch((x) => x);
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.message).toContain('could not be decoded');
    expect(server.requests).toHaveLength(1);
  });
});

/** A server that streams an endless body in 64 KiB chunks (bounded at 256 MiB) and counts what it wrote. */
async function endlessServer(declareLength: boolean) {
  const state = { written: 0, closed: false };
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const cap = 256 * 1024 * 1024;
  const s: Server = createServer((req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(cap) } : {}),
    });
    res.write('{"code":0,"data":"');
    const pump = () => {
      while (state.written < cap && !res.destroyed) {
        state.written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.on('close', () => {
      state.closed = true;
    });
    pump();
  });
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return {
    state,
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    close: () => {
      s.closeAllConnections();
      s.close();
    },
  };
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
};

describe('maxResponseBytes', () => {
  it('stops reading a chunked answer at the limit and closes it', async () => {
    const big = await endlessServer(false);
    try {
      const e = await testClient(big.url, { maxResponseBytes: 1024 * 1024, maxRetries: 0 })
        .misc.getRemainingCoins()
        .catch((x) => x);
      expect(e).toBeInstanceOf(InvalidResponseError);
      expect(e.message).toContain('maxResponseBytes');
      expect(await until(() => big.state.closed, 5000)).toBe(true);
      // What was written before the close: the limit plus what the socket buffers held, far from 256 MiB.
      expect(big.state.written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      big.close();
    }
  });

  it('refuses a declared length over the limit without reading it', async () => {
    const big = await endlessServer(true);
    try {
      const e = await testClient(big.url, { maxResponseBytes: 1024 * 1024, maxRetries: 2 })
        .misc.getRemainingCoins()
        .catch((x) => x);
      expect(e).toBeInstanceOf(InvalidResponseError);
      expect(await until(() => big.state.closed, 5000)).toBe(true);
      expect(big.state.written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      big.close();
    }
  });

  it('reads an answer under the limit, chunked or not', async () => {
    server.reply(ok);
    await expect(testClient(server.url, { maxResponseBytes: 100 }).misc.getRemainingCoins()).resolves.toEqual({
      coins: 1,
    });
    server.reply({ body: { code: 0, data: 'x'.repeat(200) } });
    await expect(testClient(server.url, { maxResponseBytes: 100 }).misc.getRemainingCoins()).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    expect(server.requests).toHaveLength(1); // a received answer that is too large is not retried
  });
});

describe('logger', () => {
  it('a logger that throws or rejects does not fail the call', async () => {
    server.reply({ status: 503 }, ok);
    const throwing = testClient(server.url, {
      logger: () => {
        throw new Error('log store down');
      },
    });
    await expect(throwing.misc.getRemainingCoins()).resolves.toEqual({ coins: 1 });
    server.reply(ok);
    const rejecting = testClient(server.url, {
      logger: (async () => {
        throw new Error('async log store down');
      }) as (e: LogEvent) => void,
    });
    await expect(rejecting.misc.getRemainingCoins()).resolves.toEqual({ coins: 1 });
  });
});
