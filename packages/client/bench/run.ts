// `pnpm bench`: the client measured against what it promises, side by side on this machine.
//   overhead  — the same GET of a record by raw fetch + JSON parse, openapi-fetch alone, `a2e.GET` (the
//               raw path), `a2e.dubbing.getDubbing` and `getDubbing(core)`; rounds rotate the order, and
//               each path's median per-call time and median ratio to raw fetch (and a2e.GET's to openapi-fetch) are reported
//   size      — per entry: gzip bytes at start-up, lazy, and as one esbuild file (bench/size.ts), against budgets
//   typecheck — a consumer's `tsc` over the published types, lib es2022+dom, skipLibCheck off and on: time and memory
//   polling   — 1,000 concurrent waiters use no more requests than interval × time allows
//   tracking  — the same 1,000 jobs across 5 families, per-job pollers vs the tracker (bench/tracking.ts; goal ≤ 5%)
// Results go to bench/results.json. Not a test: machines are noisy, so read the medians.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import createClient from 'openapi-fetch';
// The built package, as users run it (`pnpm bench` builds it first): run from src through tsx, every
// function gets a keep-names wrapper that openapi-fetch (from node_modules) does not, skewing the ratios.
import { createA2EClient } from '../dist/index.js';
import { createA2ECore, getDubbing } from '../dist/fns.js';
import type { paths } from '../src/generated/schema.gen.js';
import { sizes } from './size.js';
import { tracking } from './tracking.js';

const here = dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const child = fork(join(here, 'server.mjs'), { stdio: 'inherit' });
const port = await new Promise<number>((ok) => child.once('message', (m: { port: number }) => ok(m.port)));
const base = `http://127.0.0.1:${port}`;

async function overhead(rounds = 31, calls = 300) {
  const id = '66ea4dd87db10c73fa29b570';
  const a2e = createA2EClient({ baseUrl: base, apiKey: 'sk_bench_key' });
  const core = createA2ECore({ baseUrl: base, apiKey: 'sk_bench_key' });
  const plain = createClient<paths>({
    baseUrl: base,
    headers: { authorization: 'Bearer sk_bench_key', accept: 'application/json' },
  });
  const url = `${base}/api/v1/userDubbing/${id}`;
  const headers = { authorization: 'Bearer sk_bench_key', accept: 'application/json' };
  const paths: Record<string, () => Promise<unknown>> = {
    rawFetch: async () => {
      const r = await fetch(url, { headers });
      const body = (await r.json()) as { code: number; data: unknown };
      if (body.code !== 0) throw new Error();
      return body.data;
    },
    openapiFetchAlone: async () => {
      const { data } = await plain.GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: id } } });
      return data;
    },
    a2eGET: async () => {
      const { data } = await a2e.GET('/api/v1/userDubbing/{_id}', { params: { path: { _id: id } } });
      return data;
    },
    namedGetDubbing: () => a2e.dubbing.getDubbing({ _id: id }),
    fnGetDubbing: () => getDubbing(core, { _id: id }),
  };
  const names = Object.keys(paths);
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    for (let i = 0; i < calls; i++) await f();
    return (performance.now() - t) / calls;
  };
  for (let i = 0; i < 3; i++) for (const n of names) await time(paths[n]!); // warm up every path
  const us: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const ratios: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const vsOpenapiFetch: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // rotate which goes first so drift on the machine falls on all of them
    const order = names.map((_, k) => names[(k + i) % names.length]!);
    const round: Record<string, number> = {};
    for (const n of order) round[n] = await time(paths[n]!);
    for (const n of names) {
      us[n]!.push(round[n]! * 1000);
      ratios[n]!.push(round[n]! / round.rawFetch!);
    }
    vsOpenapiFetch.push(round.a2eGET! / round.openapiFetchAlone!);
  }
  return {
    rounds,
    callsPerRound: calls,
    medianUs: Object.fromEntries(names.map((n) => [n, Math.round(median(us[n]!) * 10) / 10])),
    medianRatioToRawFetch: Object.fromEntries(names.map((n) => [n, Math.round(median(ratios[n]!) * 1000) / 1000])),
    a2eGETtoOpenapiFetchAlone: Math.round(median(vsOpenapiFetch) * 1000) / 1000,
    goals: { namedGetDubbing: 1.05, a2eGET: 1.1 },
  };
}

/** `tsc` of a consumer file over dist/*.d.ts: check time and memory, skipLibCheck off then on. */
function typecheck() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const dir = join(here, '../test/fixtures/consumer-types');
  const run = (skipLibCheck: boolean) => {
    const out = execFileSync(
      process.execPath,
      [tsc, '-p', join(dir, 'tsconfig.plain.json'), '--extendedDiagnostics', '--skipLibCheck', String(skipLibCheck)],
      { cwd: dir, encoding: 'utf8' },
    );
    const field = (name: string) => out.match(new RegExp(`${name}:\\s+([\\d.]+)`))?.[1];
    return {
      checkSeconds: Number(field('Check time')),
      totalSeconds: Number(field('Total time')),
      memoryMB: Math.round(Number(field('Memory used')) / 1024),
    };
  };
  return { lib: ['es2022', 'dom'], skipLibCheckFalse: run(false), skipLibCheckTrue: run(true) };
}

async function polling(waiters = 1000, intervalMs = 100, durationMs = 2000) {
  const a2e = createA2EClient({ baseUrl: base, apiKey: 'sk_bench_key' });
  await fetch(`${base}/reset/${durationMs}`);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: waiters }, (_, i) =>
      a2e.waitFor.dubbing(`poll-${i}`, { intervalMs, backoffFactor: 1, timeoutMs: 60_000 }),
    ),
  );
  const elapsed = performance.now() - started;
  const { polls } = (await (await fetch(`${base}/stats`)).json()) as { polls: number };
  // each waiter polls once at the start and at most once per interval after that
  const allowed = waiters * (Math.floor(elapsed / intervalMs) + 1);
  return {
    waiters,
    intervalMs,
    jobDurationMs: durationMs,
    elapsedMs: Math.round(elapsed),
    requests: polls,
    allowedByIntervalTimesTime: allowed,
    withinBound: polls <= allowed,
  };
}

try {
  const results = {
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    date: new Date().toISOString(),
    overhead: await overhead(),
    size: await sizes(),
    typecheck: typecheck(),
    polling: await polling(),
    tracking: await tracking(),
  };
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} finally {
  child.kill();
}
