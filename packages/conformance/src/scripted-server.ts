// A loopback HTTP server that answers from a behaviour case's script (see vectors/README.md): replies
// in order, the last one repeating; every request is recorded.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  drop?: boolean;
  echoAuthorization?: boolean;
}
export interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

export async function startScriptedServer(script: Reply[]) {
  const replies = [...script];
  const requests: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const seen = { method: req.method!, url: req.url!, headers: req.headers, body };
    requests.push(seen);
    const r = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
    if (r.drop) { req.socket.destroy(); return; }
    let text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (r.echoAuthorization) text = text.replaceAll('{{authorization}}', String(req.headers.authorization ?? ''));
    res.writeHead(r.status ?? 200, { 'content-type': typeof r.body === 'string' ? 'text/html' : 'application/json', ...r.headers });
    res.end(text);
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((ok) => { for (const s of sockets) s.destroy(); server.close(() => ok()); }),
  };
}
