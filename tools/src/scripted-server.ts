// A real HTTP server on loopback that answers from a script, for what a mock of the spec cannot do:
// failures, delays, dropped connections, broken bodies. Used by the client's tests and by the
// conformance behaviour cases (whose vector format documents the reply fields). Every request is recorded.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON, a string as text/html; absent means an empty body. */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Close the connection without answering (with `partial`: after sending that much of the body). */
  drop?: boolean;
  /** Send the headers and this much of the body, then stall (or drop, with `drop`). */
  partial?: string;
  /** Replace `{{authorization}}` in the body with the request's Authorization header. */
  echoAuthorization?: boolean;
}

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
export type Script = (Reply | ((request: Seen) => Reply))[];

export interface ScriptedServer {
  url: string;
  requests: Seen[];
  /** Replaces the script (replies in order, the last one repeating) and forgets past requests. */
  reply(...replies: Script): void;
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script = [{ body: { code: 0, data: {} } }]): Promise<ScriptedServer> {
  let replies = [...script];
  const requests: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    // Recorded as soon as the headers arrive, so a client that gives up mid-upload still counts as sent.
    const seen: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: '' };
    requests.push(seen);
    try {
      for await (const chunk of req) seen.body += chunk;
    } catch {
      return; // the client went away mid-body
    }
    const next = replies.length > 1 ? replies.shift()! : replies[0]!;
    const r = typeof next === 'function' ? next(seen) : next;
    if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
    if (r.drop && r.partial === undefined) {
      req.socket.destroy();
      return;
    }
    let text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (r.echoAuthorization) text = text.replaceAll('{{authorization}}', String(req.headers.authorization ?? ''));
    const type = typeof r.body === 'string' ? 'text/html' : 'application/json';
    if (r.partial !== undefined) {
      res.writeHead(r.status ?? 200, {
        'content-type': type,
        'content-length': String(text.length + 100),
        ...r.headers,
      });
      res.write(r.partial);
      if (r.drop) setTimeout(() => req.socket.destroy(), 10);
      return; // stalls until the client gives up or the server closes
    }
    res.writeHead(r.status ?? 200, { 'content-type': type, ...r.headers });
    res.end(text);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    reply: (...next) => {
      replies = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** A loopback URL nothing listens on: connections to it are refused. */
export async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise((ok) => s.close(ok));
  return `http://127.0.0.1:${port}`;
}
