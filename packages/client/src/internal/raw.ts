// The plain openapi-fetch client (`client.GET(path, init)` → `{data, error, response}`), given the same
// transport as the named operations through its `fetch` option, and our path encoding through its
// `pathSerializer`.
//
// Why it is as fast as openapi-fetch alone: openapi-fetch builds a WHATWG Request for every call, and a
// transport that retries must then clone it before each attempt (a body can be read once). Instead it is
// handed `LightRequest` as its `Request` class: a record of the URL and the init openapi-fetch built
// (its Headers, its serialized body), from which the transport re-issues each attempt as `fetch(url,
// init)`, a JSON or FormData body being re-sendable as is. A real Request is built only when something
// asks for more than url/method/headers/body (a middleware calling `clone()` or `json()`), or when a
// middleware returns one; that one goes the old way, cloned per attempt. openapi-fetch itself is loaded
// on the first raw call, so an app that only uses the named operations never ships it.
import type { Client, Middleware } from 'openapi-fetch';
import type { paths } from '../generated/schema.gen.js';
import { entries } from './table.js';
import { checkHeaders, fillPath, templatePattern } from './url.js';
import { InvalidRequestError } from '../core/errors.js';
import type { OperationKind } from '../core/retry.js';
import type { Send, SendContext } from './transport.js';

let routes: { method: string; pattern: RegExp; kind: OperationKind; operationId: string }[] | undefined;
/** method + path → route: the linear match over every template is paid once per distinct path. */
const matched = new Map<string, { kind: OperationKind; operationId?: string }>();
const MATCH_CACHE_LIMIT = 1000;

/** The retry policy of a raw request, found by method and path; unknown requests count as writes. */
function kindOf(method: string, pathname: string): { kind: OperationKind; operationId?: string } {
  const key = `${method} ${pathname}`;
  let found = matched.get(key);
  if (found) return found;
  // Compiled on the first raw request, not at start-up: most callers use the named operations only.
  routes ??= Array.from(entries, ([operationId, { method: m, path, kind }]) => ({
    method: m,
    pattern: templatePattern(path),
    kind,
    operationId,
  }));
  const route = routes.find((r) => r.method === method && r.pattern.test(pathname));
  found = route ? { kind: route.kind, operationId: route.operationId } : { kind: 'write' };
  // Bounded: ids in paths make every request distinct, and the cache must not grow with them.
  if (matched.size >= MATCH_CACHE_LIMIT) matched.clear();
  matched.set(key, found);
  return found;
}

type Init = RequestInit & { headers?: Headers };

/**
 * What openapi-fetch constructs as its Request: the URL and init it built, without a WHATWG Request's
 * validation and body extraction. Any other use of it (`clone()`, `json()`, `signal` …) goes to a
 * real Request made on first need from the same URL and init.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly init: Init;
  #real: Request | undefined;
  constructor(input: string | URL, init: Init = {}) {
    this.url = String(input);
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.init = init;
  }
  /** The same request as a WHATWG Request, built once. */
  get real(): Request {
    return (this.#real ??= new Request(this.url, { ...this.init, headers: this.headers }));
  }
  get body() {
    return this.real.body;
  }
  get signal() {
    return this.real.signal;
  }
  clone() {
    return this.real.clone();
  }
  text() {
    return this.real.text();
  }
  json() {
    return this.real.json();
  }
  arrayBuffer() {
    return this.real.arrayBuffer();
  }
  blob() {
    return this.real.blob();
  }
  formData() {
    return this.real.formData();
  }
  /** Whether `value` is one of these (not a real Request: `instanceof` accepts both, see below). */
  static is(value: unknown): value is LightRequest {
    return typeof value === 'object' && value !== null && #real in value;
  }
  /** openapi-fetch checks a middleware's result with `instanceof` this class: a real Request must pass too. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.Request || LightRequest.is(value);
  }
}

/** A body the transport can send again on a retry without cloning: anything but a one-shot stream. */
const resendable = (body: unknown) => !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);

/**
 * The answer handed back to openapi-fetch: the transport has read its body (under the timeout and size
 * limit), so the same Response is given the text back through own `text`/`json`, with no second Response
 * and no second stream read on the hot path. Anything else that wants the body (`clone()`, `body` for
 * `parseAs: 'stream'`, `arrayBuffer()` …) gets a copy made from the text on first need.
 */
function answered(response: Response, text: string): Response {
  const empty = text === '' || response.status === 204 || response.status === 205 || response.status === 304;
  let copy: Response | undefined;
  const copyOf = () =>
    (copy ??= new Response(empty ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    }));
  const from = (name: 'arrayBuffer' | 'blob' | 'formData' | 'clone') => ({
    value: () => (copyOf()[name] as () => unknown)(),
  });
  return Object.defineProperties(response, {
    text: { value: async () => (empty ? '' : text) },
    json: { value: async () => JSON.parse(empty ? '' : text) as unknown },
    arrayBuffer: from('arrayBuffer'),
    blob: from('blob'),
    formData: from('formData'),
    clone: from('clone'),
    body: { get: () => copyOf().body },
    bodyUsed: { get: () => copy?.bodyUsed ?? false },
  });
}

export function createRawClient(
  baseUrl: string,
  headers: Record<string, string>,
  send: Send,
  redact: <T>(value: T) => T = (v) => v,
): Client<paths> {
  // A relative baseUrl (a same-origin proxy such as `/api/a2e`) is allowed: only its path matters here.
  const basePath = new URL(baseUrl, 'http://relative.invalid').pathname.replace(/\/$/, '');
  const pathOf = (url: string) => {
    // openapi-fetch joins baseUrl + path + query: the path is a slice, no URL parse needed.
    if (url.startsWith(baseUrl)) {
      const rest = url.slice(baseUrl.length);
      const q = rest.indexOf('?');
      return q < 0 ? rest : rest.slice(0, q);
    }
    return new URL(url, 'http://relative.invalid').pathname.slice(basePath.length);
  };
  const fetchVia = async (request: Request | LightRequest) => {
    let sent;
    if (LightRequest.is(request) && resendable(request.init.body)) {
      const { init } = request;
      const ctx: SendContext = { ...kindOf(request.method, pathOf(request.url)), signal: init.signal ?? undefined };
      sent = await send(
        request.url,
        { method: request.method, headers: request.headers, body: init.body ?? null },
        ctx,
      );
    } else {
      const real = LightRequest.is(request) ? request.real : request;
      sent = await send(real, {}, kindOf(real.method, pathOf(real.url)));
    }
    const { response, text } = sent;
    if (response.ok) return answered(response, text);
    // An error answer becomes openapi-fetch's `error`: redacted like every error of the named calls
    // (its text, its headers and its status text may all echo the key).
    const statusText = redact(response.statusText);
    // openapi-fetch reports an empty error body as `error: undefined`; give it the status instead.
    const body =
      text === ''
        ? JSON.stringify({ code: response.status, msg: statusText || `HTTP ${response.status}` })
        : redact(text);
    return new Response(body, { status: response.status, statusText, headers: redact(response.headers) });
  };
  const middlewares: Middleware[] = [];
  let loaded: Client<paths> | undefined;
  let loading: Promise<Client<paths>> | undefined;
  const load = () =>
    (loading ??= import('openapi-fetch').then(({ default: createClient }) => {
      loaded = createClient<paths>({
        baseUrl,
        headers,
        Request: LightRequest as unknown as typeof Request,
        pathSerializer: (pathname, params) => fillPath(pathname, params as Record<string, unknown>),
        fetch: fetchVia as (request: Request) => Promise<Response>,
      });
      if (middlewares.length) loaded.use(...middlewares);
      return loaded;
    }));
  const lazy = {
    use(...added: Middleware[]) {
      middlewares.push(...added);
      loaded?.use(...added);
    },
    eject(...removed: Middleware[]) {
      for (const m of removed) {
        const i = middlewares.indexOf(m);
        if (i >= 0) middlewares.splice(i, 1);
      }
      loaded?.eject(...removed);
    },
    request: (method: string, url: unknown, init?: unknown) =>
      (loaded ? Promise.resolve(loaded) : load()).then((c) =>
        (c.request as (m: string, u: unknown, i?: unknown) => Promise<unknown>)(method, url, init),
      ),
  } as Record<string, unknown>;
  for (const method of METHODS) {
    // After the first call, no extra promise: the loaded client is called directly.
    lazy[method] = (url: unknown, init?: unknown) => {
      const call = (c: Client<paths>) => (c[method] as (u: unknown, i?: unknown) => Promise<unknown>)(url, init);
      return loaded ? call(loaded) : load().then(call);
    };
  }
  return refuseBadInput(lazy as unknown as Client<paths>);
}

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/**
 * openapi-fetch builds its Headers and query string before our fetch sees anything: a header value with
 * CR/LF would fail there as a TypeError quoting the value, a lone surrogate in a query value as a bare
 * URIError. Both are refused first, as the named calls refuse them: InvalidRequestError, nothing sent.
 */
function refuseBadInput(client: Client<paths>): Client<paths> {
  for (const method of METHODS) {
    const original = client[method] as (
      url: unknown,
      init?: { headers?: unknown; params?: { header?: unknown } },
    ) => Promise<unknown>;
    // Not an async function: one promise fewer per call on the raw path (the checks still reject, never throw).
    (client as unknown as Record<string, unknown>)[method] = (
      url: unknown,
      init?: { headers?: unknown; params?: { header?: unknown } },
    ) => {
      try {
        for (const headers of [init?.headers, init?.params?.header]) {
          if (headers && typeof headers === 'object' && !(headers instanceof Headers) && !Array.isArray(headers)) {
            const given = Object.entries(headers)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => [k, String(v)]);
            checkHeaders(Object.fromEntries(given), `${method} ${String(url)}`);
          }
        }
        return original(url, init).catch((error: unknown) => {
          if (error instanceof URIError)
            throw new InvalidRequestError(
              `${method} ${String(url)}: a parameter is not well-formed Unicode (a lone surrogate)`,
            );
          throw error;
        });
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return client;
}
