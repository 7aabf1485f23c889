// createA2EProxy: a fetch-standard handler, `(Request) => Promise<Response>`, that lets a browser app
// call A2E without holding the token. It forwards only the (method, path) pairs of the spec's
// operations, with the server's token; anything else is refused before it leaves the server.
// Runs wherever Request/Response do: Next.js route handlers, Hono, Deno, Bun, workers, Node ≥ 18.
import { api, servers } from './generated/api.gen.js';
import { DOT_SEGMENT, templatePattern } from './internal/url.js';
import { createStreamingRoutes, streamingAction, type StreamingProxyOptions } from './proxy-streaming.js';

export interface A2EProxyOptions {
  /** The server's A2E token (`sk_…`). Required; it is sent upstream only, never back to the caller. */
  apiKey: string;
  /** Upstream base URL. Default https://video.a2e.ai (the spec's `global` server). */
  baseUrl?: string;
  /** The fetch used upstream. Default: the global fetch. */
  fetch?: typeof fetch;
  /**
   * Spec path templates to forward (e.g. `['/api/v1/userDubbing/startDubbing', '/api/v1/userDubbing/{_id}']`),
   * to expose fewer operations than the spec has. Each must be a path of the spec. Default: every path.
   */
  allowedPaths?: readonly string[];
  /** Where the handler is mounted (e.g. `/api/a2e`); stripped from incoming paths before matching. Default `''`. */
  basePath?: string;
  /** Largest request body forwarded, in bytes. Default 1 MiB (A2E takes files by URL, not in the body). */
  maxBodyBytes?: number;
  /**
   * Limits for the streaming avatar routes. Those paths are never forwarded as they are: the proxy starts
   * sessions itself and acts only on its own channels, for the browser holding that session's secret.
   */
  streaming?: StreamingProxyOptions;
}

interface Route { pattern: RegExp; methods: Set<string> }

/** Headers a caller may send on: content negotiation and the spec's `x-lang`. Cookies and credentials never. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'x-lang'];
/** Response headers that describe the upstream connection or encoding, not the answer, or that would set cookies on our origin. */
const DROPPED_RESPONSE_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length', 'set-cookie', 'set-cookie2'];

/** One regular expression per spec path: each `{param}` matches exactly one non-empty segment. */
function routesOf(allowed: readonly string[] | undefined): Route[] {
  const byPath = new Map<string, Set<string>>();
  for (const ops of Object.values(api)) {
    for (const [method, path] of Object.values(ops) as (readonly [string, string])[]) {
      const methods = byPath.get(path) ?? new Set<string>();
      methods.add(method);
      byPath.set(path, methods);
    }
  }
  let paths = [...byPath.keys()];
  if (allowed) {
    const unknown = allowed.filter((p) => !byPath.has(p));
    if (unknown.length) throw new TypeError(`createA2EProxy: not paths of the spec: ${unknown.join(', ')}`);
    paths = [...new Set(allowed)];
  }
  return paths.map((path) => ({
    pattern: templatePattern(path),
    methods: byPath.get(path)!,
  }));
}

const refuse = (status: number, msg: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ code: status, msg }), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A handler that forwards the spec's operations to A2E with `apiKey` and refuses everything else (404/405, JSON `{code, msg}`). */
export function createA2EProxy(options: A2EProxyOptions): (request: Request) => Promise<Response> {
  const { apiKey, maxBodyBytes = 1 << 20 } = options;
  if (typeof apiKey !== 'string' || apiKey === '') throw new TypeError('createA2EProxy: apiKey is required');
  const upstream = (options.baseUrl ?? servers.global).replace(/\/+$/, '');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const routes = routesOf(options.allowedPaths);
  const streamingRoute = createStreamingRoutes({ apiKey, baseUrl: upstream, fetch: fetchImpl }, options.streaming);

  return async function a2eProxy(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (basePath && !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) return refuse(404, 'Not an A2E operation');
    const path = url.pathname.slice(basePath.length);
    const matches = routes.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m && x.m.slice(1).every((seg) => !DOT_SEGMENT.test(seg)));
    if (!matches.length) return refuse(404, `Not an A2E operation: ${request.method} ${path}`);
    if (!matches.some(({ r }) => r.methods.has(request.method))) {
      const allow = [...new Set(matches.flatMap(({ r }) => [...r.methods]))].sort().join(', ');
      return refuse(405, `Method ${request.method} is not allowed on ${path}`, { allow });
    }

    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    let body: ArrayBuffer | undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE') {
      if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes) return refuse(413, `Request body over ${maxBodyBytes} bytes`);
      body = await request.arrayBuffer();
      if (body.byteLength > maxBodyBytes) return refuse(413, `Request body over ${maxBodyBytes} bytes`);
    }
    const action = streamingAction(path);
    if (action) return streamingRoute(action, request, body);

    let answer: Response;
    try {
      answer = await fetchImpl(upstream + path + url.search, { method: request.method, headers, body, signal: request.signal });
    } catch {
      // The cause may quote the upstream URL or the request; the caller learns only that A2E was not reached.
      return refuse(502, 'A2E could not be reached');
    }
    const out = new Headers(answer.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) out.delete(name);
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: out });
  };
}
