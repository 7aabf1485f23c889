// Each documented exit code of the bin, caused for real: usage errors, planted drift on a loopback stand-in
// (which also echoes the key back, so the report must scrub it), a refused key, a closed port and a server
// that accepts connections but never answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVectors } from '../src/kit/load.js';
import { CANARY, listen, parseJUnit, runBin } from './kit-helpers.js';

const vectors = loadVectors();
const byRoute = new Map(vectors.map((v) => [`${v.request.method} ${v.request.url}`, v]));
const PICKED = 'getRemainingCoins,listLanguages,listDubbings';

let standIn: Awaited<ReturnType<typeof listen>>;
let refusing: Awaited<ReturnType<typeof listen>>;
let silent: Awaited<ReturnType<typeof listen>>;
let rateLimited: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  // Answers like A2E from the spec's examples, except: the balance comes back retyped and with a field
  // named after the caller's token; the language list fails with HTTP 500; the dubbing list answers
  // callers without a token too.
  standIn = await listen((req, res) => {
    const v = byRoute.get(`${req.method} ${req.url!.split('?')[0]}`);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!v) {
      res.writeHead(404).end();
      return;
    }
    if (!token && v.operation !== 'listDubbings') {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":401,"msg":"no token"}');
      return;
    }
    let body = v.expected.body as { code: number; data: Record<string, unknown> };
    if (v.operation === 'getRemainingCoins') body = { ...body, data: { ...body.data, coins: '1293', [token]: 1 } };
    if (v.operation === 'listLanguages') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":500,"msg":"boom"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  refusing = await listen((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":401,"msg":"bad key"}');
  });
  silent = await listen(() => {
    /* accepts the connection, never answers */
  });
  // Rate-limits the first call of each route (Retry-After: 0), then answers like A2E.
  const limited = new Set<string>();
  rateLimited = await listen((req, res) => {
    const route = `${req.method} ${req.url!.split('?')[0]}`;
    const v = byRoute.get(route);
    if (!v) {
      res.writeHead(404).end();
      return;
    }
    if (!limited.has(route)) {
      limited.add(route);
      res
        .writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' })
        .end('{"code":429,"msg":"slow down"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v.expected.body));
  });
});
afterAll(async () => {
  await Promise.all([standIn?.close(), refusing?.close(), silent?.close(), rateLimited?.close()]);
});

describe('exit codes', () => {
  it('2: usage errors, before anything is sent and with no report written', async () => {
    const cases: [string[], string | null, RegExp][] = [
      [['--base-url', 'http://127.0.0.1:9'], null, /A2E_API_KEY/],
      [['--base-url', 'http://127.0.0.1:9', '--allow-writes'], CANARY, /--confirm 127\.0\.0\.1:9/],
      [
        ['--base-url', 'http://127.0.0.1:9', '--allow-writes', '--confirm', 'video.a2e.ai'],
        CANARY,
        /--confirm 127\.0\.0\.1:9/,
      ],
      [['--base-url', 'http://127.0.0.1:9', '--job-driver', 'prism'], CANARY, /--allow-writes/],
      [['--base-url', 'http://127.0.0.1:9', '--operations', 'noSuchOperation'], CANARY, /noSuchOperation/],
      [['--base-url', 'not a url'], CANARY, /not a URL/],
      [['--bogus'], CANARY, /bogus/],
      [[], CANARY, /--base-url is required/],
    ];
    for (const [args, key, message] of cases) {
      const r = await runBin(args, { key });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.json).toBeUndefined();
      expect(r.all).not.toContain(CANARY);
    }
  });

  it('1: the planted drift is reported, exactly, and the echoed key is scrubbed', async () => {
    const r = await runBin(['--base-url', standIn.url, '--operations', PICKED]);
    expect(r.code).toBe(1);
    expect(
      r.json.drift
        .map(({ operation, kind, at }: Record<string, string>) => ({ operation, kind, at }))
        .sort((a: any, b: any) => `${a.operation}${a.kind}`.localeCompare(`${b.operation}${b.kind}`)),
    ).toEqual([
      { operation: 'getRemainingCoins', kind: 'type-mismatch', at: '/data/coins' },
      { operation: 'getRemainingCoins', kind: 'undeclared-field', at: '/data/[redacted]' },
      { operation: 'listDubbings', kind: 'negative', at: '' },
      { operation: 'listLanguages', kind: 'status', at: '' },
    ]);
    expect(r.stdout).toMatch(/^drift: 4$/m);
    expect(r.stdout).toContain('operations exercised: 3/3');
    const junit = parseJUnit(r.junit!);
    expect(Number(junit.failures)).toBe(3); // two operation cases and one negative case
    expect(r.all).not.toContain(CANARY);
  });

  it('3: a server that answers the probe but then stops answering ends after three timeouts', async () => {
    const stalls = await listen((req, res) => {
      if (req.url === '/') res.writeHead(404).end();
    });
    try {
      const r = await runBin(['--base-url', stalls.url, '--timeout-ms', '700', '--no-negatives']);
      expect(r.code).toBe(3);
      expect(r.ms).toBeLessThan(15_000);
      expect(r.json.unreachable).toContain('3 calls in a row got no answer');
      expect(r.json.cases.filter((c: { outcome: string }) => c.outcome !== 'skipped')).toHaveLength(3);
      expect(r.stdout).toContain('3 calls in a row');
    } finally {
      await stalls.close();
    }
  });

  it('0: a rate limit is waited out as the server asks, not counted as drift', async () => {
    const r = await runBin([
      '--base-url',
      rateLimited.url,
      '--operations',
      'listLanguages,listDubbings',
      '--no-negatives',
    ]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('operations exercised: 2/2');
    expect(r.json.operations.map((o: { status: number }) => o.status)).toEqual([200, 200]);
  });

  it('4: a server that refuses the key on every call', async () => {
    const r = await runBin(['--base-url', refusing.url, '--operations', PICKED]);
    expect(r.code).toBe(4);
    expect(r.json.authRefused).toBe(true);
    expect(r.stdout).toContain('refused the key');
    expect(r.all).not.toContain(CANARY);
  });

  it('3: a closed port', async () => {
    const closed = await listen(() => {});
    await closed.close();
    const r = await runBin(['--base-url', closed.url]);
    expect(r.code).toBe(3);
    expect(r.json.unreachable).toContain('ECONNREFUSED');
    expect(r.json.cases).toEqual([]);
    expect(parseJUnit(r.junit!).testsuite[0]!.name).toBe('reachability');
  });

  it('3: a server that never answers ends within the timeout, with a clear report', async () => {
    const r = await runBin(['--base-url', silent.url, '--timeout-ms', '1500']);
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stdout).toContain('no answer within the timeout');
    expect(r.json.unreachable).toContain('no answer within the timeout');
    expect(r.all).not.toContain(CANARY);
  });
});
