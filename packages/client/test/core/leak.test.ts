// The leak suite: a loopback server echoes the API key everywhere it can — body, a body nested far
// deeper than any fixed limit, headers, the content-type, the status text, a Location — and every
// thrown object and log event is searched for it: own properties (hidden ones too), the cause chain,
// util.inspect and JSON.stringify.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { A2EError, createA2EClient, type LogEvent } from '../../src/index.js';
import { createRedactor } from '../../src/internal/redact.js';

const CANARY = 'sk_LEAK_CANARY_9c8b7a6f5e';
type Answer = { status: number; statusText?: string; headers: Record<string, string>; body: string | Buffer };
let answer: (echo: string, req: IncomingMessage) => Answer;
let server: Server;
let url: string;
let seen = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const echo = String(req.headers.authorization);
    if (echo.includes(CANARY)) seen++;
    const a = answer(echo, req);
    res.writeHead(a.status, a.statusText ?? '', a.headers);
    res.end(a.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(ok);
    }),
);

/** Every string reachable from `root`: own properties (enumerable or not, symbol keys too), keys, Headers, causes. */
function reachable(root: unknown): string[] {
  const out: string[] = [];
  const seenObjects = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      out.push(v);
      continue;
    }
    if (!v || (typeof v !== 'object' && typeof v !== 'function') || seenObjects.has(v as object)) continue;
    seenObjects.add(v as object);
    if (v instanceof Headers) v.forEach((value, key) => out.push(key, value));
    for (const key of Reflect.ownKeys(v as object)) {
      out.push(String(key));
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && 'value' in d) stack.push(d.value);
    }
  }
  return out;
}

/** Everything a thrown object or a log could show a person or a log store. */
function exposed(thing: unknown): string {
  const parts = [String(thing), inspect(thing, { showHidden: true, depth: Infinity }), ...reachable(thing)];
  try {
    parts.push(JSON.stringify(thing));
  } catch {
    // a cycle: the walk above covered it
  }
  for (
    let e = thing as { cause?: unknown; stack?: unknown } | undefined, i = 0;
    e && i < 10;
    e = e.cause as typeof e, i++
  )
    parts.push(String(e.stack ?? ''));
  return parts.join('\n');
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}, statusText?: string): Answer => ({
  status,
  statusText,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const nested = (depth: number, leaf: unknown): string =>
  `${'{"a":'.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`;
const echoHeaders = (echo: string) => ({ 'x-echo': echo, 'set-cookie': `s=${echo}`, link: `<https://x/?k=${echo}>` });

const cases: [
  string,
  (echo: string, req: IncomingMessage) => Answer,
  (c: ReturnType<typeof client>) => Promise<unknown>,
][] = [
  [
    'an error envelope under 200, echoing in body, headers and status text',
    (echo) => json(200, { code: 500, msg: echo, data: { echo } }, echoHeaders(echo), `OK ${echo}`),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'a 401 whose status text, headers and body echo it',
    (echo) => json(401, { code: 401, msg: echo }, echoHeaders(echo), `Unauthorized ${echo}`),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'a body nested 1,000 deep with the key at the bottom',
    (echo) => ({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: nested(1000, { code: 400, msg: echo }),
    }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'an envelope whose data is nested 1,000 deep',
    (echo) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: `{"code":1,"data":${nested(1000, echo)}}`,
    }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'the key as an object key, not a value',
    (echo) => json(500, { code: 500, [echo]: 1 }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'an HTML page under 200 with the key quoted in its content-type',
    (echo) => ({
      status: 200,
      headers: { 'content-type': `text/html; charset="${echo}"`, ...echoHeaders(echo) },
      body: `<p>${echo}</p>`,
    }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'an HTML error page with the key quoted in its content-type',
    (echo) => ({
      status: 502,
      statusText: echo,
      headers: { 'content-type': `text/html; x="${echo}"` },
      body: `<p>${echo}</p>`,
    }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'JSON that is not the envelope',
    (echo) => json(200, { echo }, echoHeaders(echo)),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'a 429 that echoes it, retried then thrown',
    (echo) => json(429, { code: 429, msg: echo }, { 'retry-after': '0', ...echoHeaders(echo) }, echo),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'a redirect of a paid call whose Location carries the key',
    (echo) => ({
      status: 307,
      statusText: echo,
      headers: { location: `/x?k=${encodeURIComponent(echo)}`, 'x-echo': echo },
      body: '',
    }),
    (c) => c.dubbing.startDubbing({ source_url: 'https://x/a.mp3' }),
  ],
  [
    'a body that is not the gzip it claims, with the key in its headers',
    (echo) => ({
      status: 200,
      headers: { 'content-encoding': 'gzip', 'content-type': `application/json; k="${echo}"` },
      body: echo,
    }),
    (c) => c.misc.getRemainingCoins(),
  ],
  [
    'an answer over maxResponseBytes, with the key in its headers',
    (echo) => ({
      status: 200,
      headers: { 'content-encoding': 'gzip', 'x-echo': echo },
      body: gzipSync(JSON.stringify({ code: 0, data: echo.repeat(500) })),
    }),
    (c) => c.misc.getRemainingCoins(undefined, {}),
  ],
  [
    'a failed job whose message and record echo it',
    (echo) =>
      json(200, {
        code: 0,
        data: { _id: 'j1', status: 'failed', current_status: 'failed', failed_message: echo, error_msg: echo, echo },
      }),
    (c) => c.waitFor.dubbing('j1', { intervalMs: 1 }),
  ],
  [
    'a job still running when the waiter gives up, whose record echoes it',
    (echo) => json(200, { code: 0, data: { _id: 'j1', status: 'processing', current_status: 'processing', echo } }),
    // Long enough for the first read to be sent even on a loaded machine (the tracker loads on first use).
    (c) => c.waitFor.dubbing('j1', { intervalMs: 5, timeoutMs: 300 }),
  ],
];

const logs: LogEvent[] = [];
const client = (extra: Parameters<typeof createA2EClient>[0] = {}) =>
  createA2EClient({
    apiKey: CANARY,
    baseUrl: url,
    maxRetries: 1,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    maxResponseBytes: 4096,
    logger: (e) => logs.push(e),
    ...extra,
  });

describe('the key is in no thrown object and no log event', () => {
  it.each(cases)('%s', async (_, reply, run) => {
    answer = reply;
    const before = seen;
    const thrown = await run(client()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toBeGreaterThan(before); // the server did receive the key, so the case proves something
    expect(thrown).toBeInstanceOf(A2EError);
    expect(exposed(thrown)).not.toContain(CANARY);
    expect(exposed(logs)).not.toContain(CANARY);
  });

  it("the raw client's error, status text and headers", async () => {
    answer = (echo) =>
      json(401, { code: 401, msg: echo, deep: JSON.parse(nested(100, echo)) }, echoHeaders(echo), `No ${echo}`);
    const { error, response } = await client().GET('/api/v1/user/remainingCoins');
    expect(error).toBeTruthy();
    expect(exposed(error)).not.toContain(CANARY);
    expect(exposed(response.headers) + response.statusText).not.toContain(CANARY);
  });

  it('a connection error whose cause quotes the key (a fetch that puts it in its message)', async () => {
    const fetch = (async (_: unknown, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization');
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error(`bad header ${auth}`), { code: 'ECONNRESET', header: auth }),
      });
    }) as typeof globalThis.fetch;
    const e = await client({ fetch })
      .misc.getRemainingCoins()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(A2EError);
    expect((e as { cause?: { cause?: { code?: string } } }).cause?.cause?.code).toBe('ECONNRESET'); // the cause is kept, redacted
    expect(exposed(e)).not.toContain(CANARY);
    expect(exposed(logs)).not.toContain(CANARY);
  });
});

describe('createRedactor', () => {
  const redact = createRedactor([CANARY]);

  it('has no depth limit and survives 100,000 levels', () => {
    const deep = JSON.parse(nested(100_000, CANARY));
    let v = redact(deep) as unknown;
    for (let i = 0; i < 100_000; i++) v = (v as { a: unknown }).a;
    expect(v).toBe('[redacted]');
  });

  it('copies a cycle as a cycle, keeps Error classes and Headers', () => {
    const a: Record<string, unknown> = { k: CANARY };
    a.self = a;
    const r = redact(a) as typeof a;
    expect(r.self).toBe(r);
    expect(r.k).toBe('[redacted]');
    const err = redact(new RangeError(`x ${CANARY}`));
    expect(err).toBeInstanceOf(RangeError);
    expect(err.message).toBe('x [redacted]');
    expect(redact(new Headers({ a: CANARY })).get('a')).toBe('[redacted]');
  });
});
