// createA2EProxy: a fetch-standard handler, `(Request) => Promise<Response>`, that lets a browser app
// call A2E without holding the token. It forwards only the (method, path) pairs of the spec's
// operations, with the server's token; anything else is refused before it leaves the server.
// Operations the spec marks `x-a2e-privilege` (account management, deletions) are forwarded only when
// the server names them: a page visitor must not reach login, API tokens or deletions by default.
// Runs wherever Request/Response do: Next.js route handlers, Hono, Deno, Bun, workers, Node ≥ 18.
import { api, privileged, servers } from '../generated/api.gen.js';
import { readBounded } from '../internal/bounded-read.js';
import { errorResponse } from '../internal/responses.js';
import { DOT_SEGMENT, templatePattern } from '../internal/url.js';
import { createScrubber, type Scrubber } from './redact.js';
import { createStreamingRoutes, streamingAction, type StreamingProxyOptions } from './streaming.js';
import type { OperationId } from '../types.js';

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
   * A path holding an operation marked `x-a2e-privilege` still forwards that operation only when it is
   * named in `allowOperations`.
   */
  allowedPaths?: readonly string[];
  /**
   * Operations the spec marks `x-a2e-privilege: account` (login, API tokens, users, diamonds exchange,
   * account-wide settings) or `destructive` (every deletion) to forward as well, by operationId, e.g.
   * `['deleteDubbing']`. Default: none — a browser reaches reads, job starts, uploads, edits and the
   * streaming routes only. Each must be an operation of the spec. See the generated `privileged` table.
   */
  allowOperations?: readonly OperationId[];
  /** Where the handler is mounted (e.g. `/api/a2e`); stripped from incoming paths before matching. Default `''`. */
  basePath?: string;
  /**
   * Largest request body forwarded, in bytes; counted while the body arrives (a chunked body is cut off
   * there and answered 413). Default 1 MiB (A2E takes files by URL, not in the body).
   */
  maxBodyBytes?: number;
  /** Largest upstream answer passed back, in bytes; a larger one is answered 502. Default 32 MiB. */
  maxAnswerBytes?: number;
  /** How long an upstream call (and its answer body) may take, in ms; then 504. Default 60000, the client's. */
  timeoutMs?: number;
  /**
   * Limits for the streaming avatar routes. Those paths are never forwarded as they are: the proxy starts
   * sessions itself and acts only on its own channels, for the browser holding that session's secret.
   */
  streaming?: StreamingProxyOptions;
}

/** One spec path: its pattern and, per method, the operation it is and whether this proxy forwards it. */
interface Route {
  pattern: RegExp;
  methods: Map<string, { id: string; open: boolean }>;
}

/** Headers a caller may send on: content negotiation and the spec's `x-lang`. Cookies and credentials never. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'x-lang'];
/** Response headers that describe the upstream connection or encoding, not the answer, or that would set cookies on our origin. */
const DROPPED_RESPONSE_HEADERS = [
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
  'set-cookie2',
];
/** Statuses whose Response must have no body. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const CR_LF = /[\r\n]/;

function routesOf(allowedPaths: readonly string[] | undefined, allowOperations: readonly string[] = []): Route[] {
  const byPath = new Map<string, [method: string, id: string][]>();
  for (const ops of Object.values(api)) {
    for (const [id, { method, path }] of Object.entries(ops) as [string, { method: string; path: string }][]) {
      byPath.set(path, [...(byPath.get(path) ?? []), [method, id]]);
    }
  }
  const named = new Set(allowOperations);
  const ids = new Set([...byPath.values()].flat().map(([, id]) => id));
  const unknownOps = [...named].filter((id) => !ids.has(id));
  if (unknownOps.length) throw new TypeError(`createA2EProxy: not operations of the spec: ${unknownOps.join(', ')}`);
  const unknown = (allowedPaths ?? []).filter((p) => !byPath.has(p));
  if (unknown.length) throw new TypeError(`createA2EProxy: not paths of the spec: ${unknown.join(', ')}`);
  const listed = allowedPaths && new Set(allowedPaths);
  const routes: Route[] = [];
  for (const [path, ops] of byPath) {
    const inPaths = !listed || listed.has(path);
    // A named operation is forwarded even where allowedPaths leaves its path out: naming it is explicit.
    if (!inPaths && !ops.some(([, id]) => named.has(id))) continue;
    const methods = new Map(
      ops.map(([method, id]) => [method, { id, open: named.has(id) || (inPaths && !(id in privileged)) }]),
    );
    routes.push({ pattern: templatePattern(path), methods });
  }
  return routes;
}

/** The handler's own answers and the streaming routes' pass through here too: one place keeps the key out. */
async function scrubbed(response: Response, scrub: Scrubber): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = NULL_BODY_STATUSES.has(response.status) ? null : scrub.bytes(bytes);
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: scrub.headers(response.headers),
  });
}

/**
 * A handler that forwards the spec's operations to A2E with `apiKey` and refuses everything else (404/405,
 * 403 for an operation marked `x-a2e-privilege` that `allowOperations` does not name; JSON `{code, msg}`).
 */
export function createA2EProxy(options: A2EProxyOptions): (request: Request) => Promise<Response> {
  const { apiKey, maxBodyBytes = 1 << 20, maxAnswerBytes = 32 << 20, timeoutMs = 60_000 } = options;
  if (typeof apiKey !== 'string' || apiKey === '') throw new TypeError('createA2EProxy: apiKey is required');
  // A key with a line break can never be sent as a header: every call would fail as "unreachable".
  if (CR_LF.test(apiKey)) throw new TypeError('createA2EProxy: apiKey contains a line break');
  const upstream = (options.baseUrl ?? servers.global).replace(/\/+$/, '');
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const routes = routesOf(options.allowedPaths, options.allowOperations);
  const scrub = createScrubber(apiKey);
  const streamingRoute = createStreamingRoutes(
    { apiKey, baseUrl: upstream, fetch: fetchImpl, timeoutMs },
    options.streaming,
  );

  /** The upstream call and its whole answer, under one clock; the answer leaves scrubbed of the key. */
  async function forward(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const clock = new Promise<'timeout'>((ok) => {
      timer = setTimeout(() => ok('timeout'), timeoutMs);
    });
    const work = (async () => {
      const answer = await fetchImpl(url, { ...init, signal: controller.signal });
      return { answer, bytes: await readBounded(answer.body, maxAnswerBytes) };
    })();
    try {
      const done = await Promise.race([work, clock]);
      if (done === 'timeout') {
        controller.abort(); // closes the upstream connection; its late answer is not wanted
        work.catch(() => {});
        return errorResponse(504, 'A2E did not answer in time');
      }
      const { answer, bytes } = done;
      if (!bytes) return errorResponse(502, `A2E's answer is over ${maxAnswerBytes} bytes`);
      const headers = scrub.headers(answer.headers);
      for (const name of DROPPED_RESPONSE_HEADERS) headers.delete(name);
      const body = NULL_BODY_STATUSES.has(answer.status) || init.method === 'HEAD' ? null : scrub.bytes(bytes);
      return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
    } catch {
      // The cause may quote the upstream URL or the request; the caller learns only that A2E was not reached.
      return errorResponse(502, 'A2E could not be reached');
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }
  }

  return async function a2eProxy(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (basePath && !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)))
      return errorResponse(404, 'Not an A2E operation');
    const path = url.pathname.slice(basePath.length);
    const matches = routes.filter((r) => {
      const m = r.pattern.exec(path);
      return m && m.slice(1).every((seg) => !DOT_SEGMENT.test(seg));
    });
    if (!matches.length) return errorResponse(404, `Not an A2E operation: ${request.method} ${path}`);
    const candidates = matches.map((r) => r.methods.get(request.method)).filter((op) => op !== undefined);
    if (!candidates.some((op) => op.open)) {
      const id = candidates[0]?.id;
      if (id) {
        const privilege = privileged[id as keyof typeof privileged];
        const why = privilege ? ` (x-a2e-privilege: ${privilege}; a server names it in allowOperations)` : '';
        return errorResponse(403, `${id} is not offered here${why}`);
      }
      const open = matches.flatMap((r) => [...r.methods].filter(([, op]) => op.open).map(([m]) => m));
      return errorResponse(405, `Method ${request.method} is not allowed on ${path}`, {
        allow: [...new Set(open)].sort().join(', '),
      });
    }

    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      // Request headers cannot hold CR/LF in a fetch-standard runtime; an adapter that builds them by hand might.
      if (value !== null && !CR_LF.test(value)) headers[name] = value;
    }
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'DELETE') {
      if (Number(request.headers.get('content-length') ?? 0) > maxBodyBytes)
        return errorResponse(413, `Request body over ${maxBodyBytes} bytes`);
      try {
        body = await readBounded(request.body, maxBodyBytes);
      } catch {
        return errorResponse(400, 'The request body could not be read');
      }
      if (!body) return errorResponse(413, `Request body over ${maxBodyBytes} bytes`);
    }
    const action = streamingAction(path);
    if (action) return scrubbed(await streamingRoute(action, request, body), scrub);
    return forward(upstream + path + url.search, { method: request.method, headers, body }, request.signal);
  };
}
