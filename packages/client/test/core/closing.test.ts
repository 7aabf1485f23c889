// A timed-out attempt must close its connection (the server sees the socket close) and must not keep
// the process alive, whether or not the caller passed a signal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIConnectionTimeoutError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';

/**
 * A server that takes every request and never answers. It counts the requests it received and, of
 * the sockets that carried one, those it saw close (fetch may open a spare idle socket: not counted).
 */
let server: Server;
let url: string;
const sockets = new Set<Socket>();
let opened = 0;
let closed = 0;
beforeAll(async () => {
  server = createServer((req) => {
    opened++;
    if (req.socket.closed) closed++;
    else req.socket.once('close', () => closed++);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((ok) => server.close(ok));
});

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
};

describe('a timed-out attempt closes its connection', () => {
  it('closes the connection of every timed-out read, with no signal from the caller', async () => {
    const before = { opened, closed };
    const client = testClient(url, { timeoutMs: 150, maxRetries: 0 });
    const errors = await Promise.all(Array.from({ length: 10 }, () => client.misc.getRemainingCoins().catch((e) => e)));
    for (const e of errors) expect(e).toBeInstanceOf(APIConnectionTimeoutError);
    expect(opened - before.opened).toBe(10);
    // The server sees all ten close (generous bound: the machine is shared); before the fix none did.
    expect(await until(() => closed - before.closed === 10, 5000)).toBe(true);
  });

  it('closes them too when the caller passed a signal, and after retries', async () => {
    const before = { opened, closed };
    const client = testClient(url, { timeoutMs: 150, maxRetries: 2 });
    const e = await client.misc.getRemainingCoins(undefined, { signal: new AbortController().signal }).catch((x) => x);
    expect(e).toBeInstanceOf(APIConnectionTimeoutError);
    expect(opened - before.opened).toBe(3);
    expect(await until(() => closed - before.closed === 3, 5000)).toBe(true);
  });

  it('lets a process whose only call timed out exit on its own', async () => {
    const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const script = `
      const { createA2EClient } = await import(${JSON.stringify(entry)});
      const a2e = createA2EClient({ apiKey: 'sk_exit_test', baseUrl: process.env.URL, timeoutMs: 300, maxRetries: 0 });
      await a2e.misc.getRemainingCoins().catch((e) => console.log('ERROR', e.name));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, URL: url },
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let erroredAt = 0;
    child.stdout.on('data', (d) => {
      output += d;
      if (output.includes('ERROR')) erroredAt ||= Date.now();
    });
    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    // 20 s for tsx to start on a loaded machine, then a few seconds after the error at most.
    const gone = await Promise.race([
      exited.then(() => true),
      new Promise((ok) => setTimeout(() => ok(false), 20_000)),
    ]);
    if (!gone) child.kill();
    expect(output).toContain('ERROR APIConnectionTimeoutError');
    expect(gone).toBe(true);
    expect(Date.now() - erroredAt).toBeLessThan(5000);
  }, 30_000);
});
