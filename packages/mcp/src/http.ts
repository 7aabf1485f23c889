// Streamable HTTP: one MCP server per session, created on the session's `initialize` and dropped when it
// closes; the safety store is shared, the budget and confirmations are per session.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { McpConfig } from './config.js';
import { createA2EMcpServer } from './server.js';
import { createMemoryStore, type SafetyStore } from './store.js';

export interface HttpOptions {
  /** Port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface. Default 127.0.0.1 (loopback only: the server spends the key's credits). */
  host?: string;
  /** Largest request body read, in bytes. Default 1048576. */
  maxBodyBytes?: number;
  /** Open MCP sessions at most; a new `initialize` beyond it gets 503. Default 100. */
  maxSessions?: number;
  store?: SafetyStore;
}

async function readJson(req: IncomingMessage, maxBodyBytes: number): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** On a loopback listener, only loopback Host headers: a DNS-rebound page cannot reach the server (and the key). */
function hostAllowed(req: IncomingMessage, listenHost: string, port: number): boolean {
  if (!LOOPBACK.has(listenHost)) return true;
  const host = req.headers.host ?? '';
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host);
  return !!m && LOOPBACK.has(m[1]!.toLowerCase()) && (m[2] === undefined || Number(m[2]) === port);
}

function fail(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

export async function startHttpServer(
  config: McpConfig,
  options: HttpOptions = {},
): Promise<{ url: string; close(): Promise<void>; server: HttpServer }> {
  const store = options.store ?? createMemoryStore();
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const maxSessions = options.maxSessions ?? 100;
  const listenHost = options.host ?? '127.0.0.1';
  let port = 0;

  const http = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req, listenHost, port))
        return fail(res, 403, 'Host not allowed: this server answers loopback hosts only');
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/mcp')
        return fail(res, 404, 'Not found: the MCP endpoint is /mcp');
      const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : undefined;
      const id = req.headers['mcp-session-id'];
      let transport = typeof id === 'string' ? sessions.get(id) : undefined;
      if (!transport) {
        if (req.method !== 'POST' || !isInitializeRequest(body))
          return fail(res, 400, 'No valid session: start with initialize');
        if (sessions.size >= maxSessions) return fail(res, 503, `Too many open sessions (${maxSessions})`);
        const sessionId = randomUUID();
        const t = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => sessionId,
          onsessioninitialized: (sid) => void sessions.set(sid, t),
        });
        t.onclose = () => void sessions.delete(sessionId);
        await createA2EMcpServer({ config, sessionId, store }).connect(t);
        transport = t;
      }
      await transport.handleRequest(req, res, body);
    } catch (error) {
      fail(
        res,
        (error as { status?: number }).status ?? 400,
        error instanceof SyntaxError ? 'Body is not JSON' : (error as Error).message,
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, listenHost, () => resolve());
  });
  const { address } = http.address() as AddressInfo;
  port = (http.address() as AddressInfo).port;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/mcp`,
    server: http,
    close: async () => {
      for (const t of sessions.values()) await t.close().catch(() => undefined);
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
