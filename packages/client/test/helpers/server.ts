// A real HTTP server on loopback that answers from a script, for what a mock of the spec cannot do:
// failures, delays, broken bodies. Every request is recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the socket without answering. */
  destroy?: boolean;
  /** Send headers and this much of the body, then stall (or cut the connection with `destroy`). */
  partial?: string;
}

export interface Recorded { method: string; url: string; headers: IncomingMessage['headers']; body: string }

export interface TestServer {
  url: string;
  requests: Recorded[];
  /** Replies used in order; the last one repeats. A function decides per request. */
  reply(...replies: (Reply | ((req: Recorded) => Reply))[]): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let script: (Reply | ((req: Recorded) => Reply))[] = [{ body: { code: 0, data: {} } }];
  const requests: Recorded[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rec: Recorded = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
    requests.push(rec);
    const next = script.length > 1 ? script.shift()! : script[0]!;
    const r = typeof next === 'function' ? next(rec) : next;
    if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
    if (r.destroy && r.partial === undefined) { req.socket.destroy(); return; }
    const text = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
    const type = typeof r.body === 'string' ? 'text/html' : 'application/json';
    if (r.partial !== undefined) {
      res.writeHead(r.status ?? 200, { 'content-type': type, 'content-length': String(text.length + 100), ...r.headers });
      res.write(r.partial);
      if (r.destroy) setTimeout(() => req.socket.destroy(), 10);
      return; // stalls until the client gives up or the server closes
    }
    res.writeHead(r.status ?? 200, { 'content-type': type, ...r.headers });
    res.end(text);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => { script = replies; requests.length = 0; },
    close: () => new Promise((ok) => { for (const s of sockets) s.destroy(); server.close(() => ok()); }),
  };
}

/** A port nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise((ok) => s.close(ok));
  return `http://127.0.0.1:${port}`;
}
