// `tracking` in `pnpm bench`: 1,000 concurrent jobs across 5 families on a loopback stand-in that answers
// batch, list and detail calls, each job finishing 2 s in. The same jobs are waited for twice at the same
// 100 ms interval: once with one poller per job (the waiters before the tracker, `waitForJob`), once
// through the tracker. Goal: trackedRequests ≤ 5% of perIdRequests, and a median resolve lag within one
// interval of each job's completion.
import { createA2EClient } from '../src/index.js';
import { createPipeline, type Call } from '../src/core/call.js';
import { entries } from '../src/internal/table.js';
import { waitForJobPerId } from './per-job-waiter.js';
import { createTransport } from '../src/internal/transport.js';
import type { JobFamily } from '../src/types.js';
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FAMILIES: JobFamily[] = ['dubbing', 'textToImage', 'faceSwapTask', 'talkingPhoto', 'klingVideo'];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)] ?? 0;
};

export async function tracking(jobs = 1000, intervalMs = 100, jobDurationMs = 2000, requestsPerSecond = 100) {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'job-stand-in-process.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const url = await new Promise<string>((ok) => child.once('message', (m: { url: string }) => ok(m.url)));
  const control = (path: string, body?: unknown) =>
    fetch(`${url}/__control/${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) }).then((r) => r.json());
  const stand = { url };
  try {
    const run = async (wait: (family: JobFamily, id: string) => Promise<unknown>) => {
      await control('reset');
      const start = Date.now();
      // Completion times spread over one second, so the lag is measured at every phase of a round.
      const all = Array.from({ length: jobs }, (_, i) => ({
        family: FAMILIES[i % FAMILIES.length]!,
        id: `b${i}`,
        doneAt: start + jobDurationMs + (i % 100) * 10,
      }));
      await control('add', all);
      const lags = await Promise.all(
        all.map(async (j) => {
          await wait(j.family, j.id);
          return Date.now() - j.doneAt;
        }),
      );
      const c = (await control('counts')) as { batch: number; list: number; detail: number; throttled: number };
      return {
        requests: c.batch + c.list + c.detail + c.throttled,
        byKind: { batch: c.batch, list: c.list, detail: c.detail },
        lagMedianMs: median(lags),
        lagP95Ms: p95(lags),
      };
    };
    // Today's waiters, one poller per job: the same code path the client used before the tracker.
    const invoke = createPipeline({
      baseUrl: stand.url,
      headers: { authorization: 'Bearer sk_bench_key', accept: 'application/json' },
      redact: (v) => v,
      send: createTransport({
        fetch: (...a) => fetch(...a),
        timeoutMs: 60_000,
        maxRetries: 2,
        redact: (v) => v,
        maxRetryAfterMs: 60_000,
        maxResponseBytes: 1 << 25,
      }),
    });
    const call: Call = (id, input, opts) => invoke(id, entries.get(id)!, input, opts);
    const perId = await run((family, id) =>
      waitForJobPerId(call, family, id, { intervalMs, backoffFactor: 1, timeoutMs: 60_000 }),
    );
    const a2e = createA2EClient({ baseUrl: stand.url, apiKey: 'sk_bench_key', tracker: { requestsPerSecond } });
    const tracked = await run((family, id) =>
      a2e.waitForJob(family, id, { intervalMs, backoffFactor: 1, timeoutMs: 60_000 }),
    );
    // What one poller per job sends when the machine keeps up: a read at the start and one per interval
    // until its job is done. On a loaded machine the measured per-job figure falls short of it (the
    // pollers starve), which flatters the per-job side; both are reported.
    const perIdIdealRequests = Array.from(
      { length: jobs },
      (_, i) => Math.ceil((jobDurationMs + (i % 100) * 10) / intervalMs) + 1,
    ).reduce((a, b) => a + b, 0);
    return {
      jobs,
      families: FAMILIES.length,
      familyNames: FAMILIES,
      intervalMs,
      jobDurationMs,
      trackerRequestsPerSecond: requestsPerSecond,
      perIdRequests: perId.requests,
      trackedRequests: tracked.requests,
      trackedByKind: tracked.byKind,
      perIdIdealRequests,
      ratio: tracked.requests / perId.requests,
      ratioToIdeal: tracked.requests / perIdIdealRequests,
      goalRatio: 0.05,
      resolveLagMs: {
        tracked: tracked.lagMedianMs,
        trackedP95: tracked.lagP95Ms,
        perId: perId.lagMedianMs,
        goal: intervalMs,
      },
    };
  } finally {
    child.disconnect();
  }
}

// Run alone: `pnpm exec tsx bench/tracking.ts`.
if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await tracking(), null, 2));
