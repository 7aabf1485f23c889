// `pnpm conformance:live`: the kit against the real A2E server with A2E_API_KEY, reads only; operations that
// spend credits run only with A2E_LIVE_WRITE=1 (the typed confirmation is the live host). The report goes to
// reports/live-drift.json. With no key or no network the suite is skipped and says why: a skip is never a pass.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';

const apiKey = process.env.A2E_API_KEY;
const baseUrl = process.env.A2E_LIVE_BASE_URL ?? 'https://video.a2e.ai';

async function reachable(): Promise<boolean> {
  try {
    await fetch(baseUrl, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}

const why = !apiKey
  ? 'A2E_API_KEY is not set'
  : !(await reachable())
    ? `${baseUrl} cannot be reached from this machine`
    : null;
if (why) console.log(`live conformance skipped: ${why}`);

describe.skipIf(why !== null)('live A2E API', () => {
  it('answers every read operation as the spec says (drift report written)', async () => {
    const write = process.env.A2E_LIVE_WRITE === '1';
    const report = await runConformance({
      baseUrl,
      apiKey: apiKey!,
      ...(write && { allowWrites: true, confirm: new URL(baseUrl).host }),
    });
    mkdirSync(new URL('../reports/', import.meta.url), { recursive: true });
    writeFileSync(new URL('../reports/live-drift.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `live: ${report.summary.exercised}/${report.summary.operations} operations, ${report.drift.length} differences → reports/live-drift.json`,
    );
    expect(report.unreachable).toBeUndefined();
    expect(report.authRefused).toBeUndefined();
    expect(report.summary.exercised).toBeGreaterThan(0);
    expect(report.drift.filter((d) => d.kind === 'request-failed')).toEqual([]);
  });
});
