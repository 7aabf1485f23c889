// `pnpm conformance:live`, the part the job tracker depends on: A2E documents no answer for its
// `…/batchDetail` calls, so for every family with one this reads a page of the family's list, waits for
// two of its jobs through a fresh client (whose tracker reads them with the batch call) and records
// whether the answer was readable (no per-job fallback) in reports/live-batch-shapes.json. Read-only.
// Skipped, saying why, without a key or network.
import { writeFileSync } from 'node:fs';
import { apiKey, baseUrl, skipReason } from './live-target.js';
import { describe, expect, it } from 'vitest';
import { createA2EClient, jobs, paging, type JobFamily, type OperationId } from '@a2e-sdk/client';

const at = (body: unknown, dotted: string) =>
  dotted
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);

describe.skipIf(skipReason !== null)('live batch answers', () => {
  it('every batch call answers in a shape the tracker reads (report written)', async () => {
    const results: Record<string, { jobs: number; batchCalls: number; detailCalls: number; readable: boolean | null }> =
      {};
    for (const [family, f] of Object.entries(jobs) as [
      JobFamily,
      { batchOperation?: string; listOperation?: string },
    ][]) {
      if (!f.batchOperation || !f.listOperation) continue;
      const spec = (paging as Record<string, { page: string; size: string; items: string }>)[f.listOperation]!;
      const probe = createA2EClient({ baseUrl, apiKey: apiKey!, tracker: { requestsPerSecond: 2 } });
      const { body } = await probe.call(f.listOperation as OperationId, { [spec.page]: 1, [spec.size]: 10 } as never);
      const ids = ((at(body, spec.items) as { _id?: unknown }[] | undefined) ?? [])
        .map((r) => r?._id)
        .filter((id): id is string => typeof id === 'string')
        .slice(0, 2);
      if (ids.length < 2) {
        results[family] = { jobs: ids.length, batchCalls: 0, detailCalls: 0, readable: null };
        continue;
      }
      // Finished or not, one round is enough to see how the answer was read.
      await Promise.all(
        ids.map((id) => probe.waitForJob(family, id, { timeoutMs: 3000, intervalMs: 60_000 }).catch(() => {})),
      );
      const stats = await probe.tracker.stats();
      results[family] = {
        jobs: ids.length,
        batchCalls: stats.batch,
        detailCalls: stats.detail,
        readable: stats.batch > 0 && stats.detail === 0,
      };
    }
    writeFileSync(
      new URL('../reports/live-batch-shapes.json', import.meta.url).pathname,
      `${JSON.stringify(results, null, 2)}\n`,
    );
    const unreadable = Object.entries(results)
      .filter(([, r]) => r.readable === false)
      .map(([family]) => family);
    expect(unreadable).toEqual([]);
  }, 600_000);
});
