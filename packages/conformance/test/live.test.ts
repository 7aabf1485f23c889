// `pnpm conformance:live`: the kit against the real A2E server with A2E_API_KEY, reads only; operations that
// spend credits run only with A2E_LIVE_WRITE=1 (the typed confirmation is the live host). The report goes to
// reports/live-drift.json. With no key or no network the suite is skipped and says why: a skip is never a pass.
import { mkdirSync, writeFileSync } from 'node:fs';
import { apiKey, baseUrl, skipReason } from './live-target.js';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.js';

if (skipReason) console.log(`live conformance skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('live A2E API', () => {
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
