// The API key must not leak, and path parameters must not move a request elsewhere.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createA2EClient, InvalidRequestError, type LogEvent } from '../src/index.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

const CANARY = 'sk_CANARY_7f3e9b1c2d4a5e6f';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

/** Everything an error exposes: message, stack, own fields, JSON, util.inspect, cause chain. */
const everything = (e: unknown): string => {
  const err = e as Error & { cause?: unknown };
  return [
    String(err),
    err.stack,
    JSON.stringify(err),
    inspect(err, { depth: 10, showHidden: true }),
    JSON.stringify(Object.entries(err)),
  ].join('\n');
};

describe('the API key never leaks', () => {
  const logs: LogEvent[] = [];
  const client = () =>
    createA2EClient({
      apiKey: CANARY,
      baseUrl: server.url,
      maxRetries: 1,
      backoff: { initialDelayMs: 1 },
      logger: (e) => logs.push(e),
    });
  const echo = (status: number) => (req: { headers: Record<string, unknown> }) => ({
    status,
    body: {
      code: 401,
      msg: `bad token ${String(req.headers.authorization)}`,
      data: { echoed: req.headers.authorization },
    },
  });

  it('is sent as a bearer token', async () => {
    server.reply({ body: { code: 0, data: {} } });
    await client().misc.getRemainingCoins();
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${CANARY}`);
  });

  it.each([
    ['an error envelope under 200 that echoes it', echo(200)],
    ['a 401 body that echoes it', echo(401)],
    ['a 500 body that echoes it (retried, then thrown)', echo(500)],
    [
      'an HTML page that echoes it',
      (req: { headers: Record<string, unknown> }) => ({
        status: 200,
        body: `<html>${String(req.headers.authorization)}</html>`,
      }),
    ],
  ])('is not in the error from %s', async (_, reply) => {
    server.reply(reply as never);
    const e = await client()
      .misc.getRemainingCoins()
      .then(
        () => null,
        (x: unknown) => x,
      );
    expect(e).toBeInstanceOf(Error);
    expect(server.requests[0]!.headers.authorization).toContain(CANARY); // the server did see it
    expect(everything(e)).not.toContain(CANARY);
  });

  it('is not in a connection error, a timeout, or any log event', async () => {
    server.reply({ drop: true });
    const e1 = await client()
      .misc.getRemainingCoins()
      .catch((x) => x);
    server.reply({ delayMs: 200 });
    const e2 = await client()
      .misc.getRemainingCoins(undefined, { timeoutMs: 20 })
      .catch((x) => x);
    expect(everything(e1) + everything(e2)).not.toContain(CANARY);
    expect(logs.length).toBeGreaterThan(5);
    expect(JSON.stringify(logs)).not.toContain(CANARY);
  });

  it('is masked where a caller put it into a URL', async () => {
    const events: LogEvent[] = [];
    server.reply({ status: 500, body: { code: 500 } });
    const c = createA2EClient({ apiKey: CANARY, baseUrl: server.url, maxRetries: 0, logger: (e) => events.push(e) });
    const e = await c.call('listLanguages', { lang: CANARY } as never).catch((x) => x);
    expect(JSON.stringify(events) + everything(e)).not.toContain(CANARY);
  });
});

describe('path parameters stay one segment', () => {
  const client = () => createA2EClient({ apiKey: 'sk_x_1234', baseUrl: server.url });
  it.each([
    ['../x', '/api/v1/userDubbing/..%2Fx'],
    ['a/b', '/api/v1/userDubbing/a%2Fb'],
    ['a?b=c#d', '/api/v1/userDubbing/a%3Fb%3Dc%23d'],
    ['...', '/api/v1/userDubbing/...'],
  ])('%s is sent as %s', async (id, path) => {
    server.reply({ body: { code: 0, data: {} } });
    await client().dubbing.getDubbing({ _id: id });
    expect(server.requests[0]!.url).toBe(path);
  });

  it.each(['..', '.', '%2e%2E', '', undefined])('%j is refused before anything is sent', async (id) => {
    server.reply({ body: { code: 0, data: {} } });
    await expect(client().dubbing.getDubbing({ _id: id as string })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(
      client().GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: id as string } } }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('every refusal of bad input is an InvalidRequestError, before sending', () => {
  const client = () => createA2EClient({ apiKey: 'sk_x_1234', baseUrl: server.url, maxRetries: 2 });
  const refused = async (run: () => Promise<unknown>) => {
    server.reply({ body: { code: 0, data: {} } });
    const e = await run().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  };

  it.each(['\uD800', 'a\uDFFFb', 'x\uD83D'])(
    'a path parameter with a lone surrogate (%j), named or raw',
    async (id) => {
      await refused(() => client().dubbing.getDubbing({ _id: id }));
      await refused(() => client().GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: id } } }));
    },
  );

  it.each([[{ a: 1 }], [['x']], [true], [Number.NaN], [Symbol('s')], [() => 'x']])(
    'a path parameter that is not a string or number (%s)',
    async (id) => {
      await refused(() => client().dubbing.getDubbing({ _id: id as never }));
    },
  );

  it('a query value with a lone surrogate (URLSearchParams would turn it into U+FFFD)', async () => {
    await refused(() => client().call('listLanguages', { lang: 'en\uD800' } as never));
  });

  it.each([['a\r\nx-injected: 1'], ['a\nb'], ['\u0000'], ['\u2028'], ['日本']])(
    'a per-call header value %j',
    async (value) => {
      await refused(() => client().misc.getRemainingCoins(undefined, { headers: { 'x-lang': value } }));
    },
  );

  it('a per-call header with an invalid name', async () => {
    await refused(() => client().misc.getRemainingCoins(undefined, { headers: { 'bad name': 'x' } }));
  });

  it('a well-formed pair of surrogates (an emoji) is sent, encoded', async () => {
    server.reply({ body: { code: 0, data: {} } });
    await client().dubbing.getDubbing({ _id: 'a😀' });
    expect(server.requests[0]!.url).toBe('/api/v1/userDubbing/a%F0%9F%98%80');
  });
});

describe('the raw client refuses the same bad input, typed', () => {
  const client = () => createA2EClient({ apiKey: 'sk_x_1234', baseUrl: server.url, maxRetries: 2 });
  it('a header value with CR/LF, without quoting it', async () => {
    server.reply({ body: { code: 0, data: {} } });
    const e = await client()
      .GET('/api/v1/user/remainingCoins', { headers: { 'x-lang': 'en\r\nsk_SECRET_VALUE' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect(String(e)).not.toContain('sk_SECRET_VALUE');
    expect(server.requests).toHaveLength(0);
  });

  it('a query value with a lone surrogate', async () => {
    server.reply({ body: { code: 0, data: {} } });
    const e = await client()
      .GET('/api/v1/userDubbing/allRecords', { params: { query: { pageNum: 1, pageSize: 1, x: 'a\uD800' } as never } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});
