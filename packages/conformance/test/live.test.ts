// `pnpm conformance:live`: read-only operations against the real A2E server with A2E_API_KEY; every
// answer checked against the spec, the differences written to reports/live-drift.json. Operations that
// spend credits run only with A2E_LIVE_WRITE=1. With no key or no network the suite is skipped and
// says why: a skip is never a pass.
import { describe, expect, it } from 'vitest';
import { bundleSpec } from '@a2e-sdk/tools/spec';
import { runLive } from '../src/live.js';
import { operationVectors } from '../src/vectors.js';

const apiKey = process.env.A2E_API_KEY;
const baseUrl = process.env.A2E_LIVE_BASE_URL ?? 'https://video.a2e.ai';

async function reachable(): Promise<boolean> {
  try { await fetch(baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(5000) }); return true; } catch { return false; }
}

const why = !apiKey ? 'A2E_API_KEY is not set' : !(await reachable()) ? `${baseUrl} cannot be reached from this machine` : null;
if (why) console.log(`live conformance skipped: ${why}`);

describe.skipIf(why !== null)('live A2E API', () => {
  it('answers every read operation as the spec says (drift report written)', async () => {
    const report = await runLive({
      baseUrl, apiKey: apiKey!, doc: bundleSpec(), vectors: operationVectors().map((v) => v.vector),
      write: process.env.A2E_LIVE_WRITE === '1', reportPath: new URL('../reports/live-drift.json', import.meta.url).pathname,
    });
    console.log(`live: ${report.operations.length} operations, ${report.drift.length} differences → reports/live-drift.json`);
    expect(report.operations.length).toBeGreaterThan(0);
    expect(report.drift.filter((d) => d.kind === 'request-failed')).toEqual([]);
  });
});
