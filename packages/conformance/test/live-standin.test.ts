// Live mode, proven without an account: a stand-in server on loopback answers every read like A2E
// (the spec's own examples), except one planted drift — an undeclared field and a retyped one on the
// credits balance, and a wrong status on the language list. The report must name exactly those.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLiveRead, runLive } from '../src/live.js';
import { operationVectors } from '../src/vectors.js';

const vectors = operationVectors().map((v) => v.vector);
const reads = vectors.filter(isLiveRead);
let url = '';
let close = () => {};

beforeAll(async () => {
  const byPath = new Map(reads.map((v) => [`${v.request.method} ${v.request.url}`, v]));
  const server = createServer((req, res) => {
    const v = byPath.get(`${req.method} ${req.url!.split('?')[0]}`);
    if (!v) { res.writeHead(404).end(); return; }
    let body = v.expected.body as { code: number; data: Record<string, unknown> };
    if (v.operation === 'getRemainingCoins') body = { ...body, data: { ...body.data, coins: '1293', bonus_coins: 5 } };
    if (v.operation === 'listLanguages') { res.writeHead(500, { 'content-type': 'application/json' }).end('{"code":500,"msg":"boom"}'); return; }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe('live mode against a stand-in', () => {
  it('reports the planted drift and nothing else', async () => {
    const report = await runLive({ baseUrl: url, apiKey: 'sk_standin', doc: inject('spec'), vectors, reportPath: new URL('../reports/live-standin-drift.json', import.meta.url).pathname });
    expect(report.operations.map((o) => o.operation).sort()).toEqual(reads.map((v) => v.operation).sort());
    expect(report.drift.map(({ operation, kind, at }) => ({ operation, kind, at }))).toEqual(expect.arrayContaining([
      { operation: 'getRemainingCoins', kind: 'type-mismatch', at: '/data/coins' },
      { operation: 'getRemainingCoins', kind: 'undeclared-field', at: '/data/bonus_coins' },
      { operation: 'listLanguages', kind: 'status', at: '' },
    ]));
    expect(report.drift).toHaveLength(3);
    expect(report.write).toBe(false);
    expect(reads.length).toBeGreaterThan(40);
  });
});
