// The plain openapi-fetch client (`client.GET(path, init)` → `{data, error, response}`), given the same
// transport as the named operations through its `fetch` option, and our path encoding through its
// `pathSerializer`. Retries stay beneath openapi-fetch, where the Request can still be cloned.
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../generated/schema.gen.js';
import { entries } from './table.js';
import { checkHeaders, fillPath, templatePattern } from './url.js';
import { InvalidRequestError } from '../core/errors.js';
import type { OperationKind } from '../core/retry.js';
import type { Send } from './transport.js';

let routes: { method: string; pattern: RegExp; kind: OperationKind; operationId: string }[] | undefined;

/** The retry policy of a raw request, found by method and path; unknown requests count as writes. */
function kindOf(method: string, pathname: string): { kind: OperationKind; operationId?: string } {
  // Compiled on the first raw request, not at start-up: most callers use the named operations only.
  routes ??= Array.from(entries, ([operationId, { method: m, path, kind }]) => ({ method: m, pattern: templatePattern(path), kind, operationId }));
  const route = routes.find((r) => r.method === method && r.pattern.test(pathname));
  return route ? { kind: route.kind, operationId: route.operationId } : { kind: 'write' };
}

export function createRawClient(baseUrl: string, headers: Record<string, string>, send: Send, redact: <T>(value: T) => T = (v) => v): Client<paths> {
  // A relative baseUrl (a same-origin proxy such as `/api/a2e`) is allowed: only its path matters here.
  const basePath = new URL(baseUrl, 'http://relative.invalid').pathname.replace(/\/$/, '');
  const client = createClient<paths>({
    baseUrl,
    headers,
    pathSerializer: (pathname, params) => fillPath(pathname, params as Record<string, unknown>),
    fetch: async (request: Request) => {
      const { pathname } = new URL(request.url, 'http://relative.invalid');
      const { response, text } = await send(request, {}, kindOf(request.method, pathname.slice(basePath.length)));
      if (response.ok) {
        const body = text === '' || [204, 205, 304].includes(response.status) ? null : text;
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      }
      // An error answer becomes openapi-fetch's `error`: redacted like every error of the named calls
      // (its text, its headers and its status text may all echo the key).
      const statusText = redact(response.statusText);
      // openapi-fetch reports an empty error body as `error: undefined`; give it the status instead.
      const body = text === '' ? JSON.stringify({ code: response.status, msg: statusText || `HTTP ${response.status}` }) : redact(text);
      return new Response(body, { status: response.status, statusText, headers: redact(response.headers) });
    },
  });
  return refuseBadInput(client);
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/**
 * openapi-fetch builds its Headers and query string before our fetch sees anything: a header value with
 * CR/LF would fail there as a TypeError quoting the value, a lone surrogate in a query value as a bare
 * URIError. Both are refused first, as the named calls refuse them: InvalidRequestError, nothing sent.
 */
function refuseBadInput(client: Client<paths>): Client<paths> {
  for (const method of METHODS) {
    const original = client[method] as (url: unknown, init?: { headers?: unknown; params?: { header?: unknown } }) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (url: unknown, init?: { headers?: unknown; params?: { header?: unknown } }) => {
      for (const headers of [init?.headers, init?.params?.header]) {
        if (headers && typeof headers === 'object' && !(headers instanceof Headers) && !Array.isArray(headers)) {
          const given = Object.entries(headers).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]);
          checkHeaders(Object.fromEntries(given), `${method} ${String(url)}`);
        }
      }
      try {
        return await original(url, init);
      } catch (error) {
        if (error instanceof URIError) throw new InvalidRequestError(`${method} ${String(url)}: a parameter is not well-formed Unicode (a lone surrogate)`);
        throw error;
      }
    };
  }
  return client;
}
