// `pnpm bench`: the client measured against what it promises, side by side on this machine.
//   overhead — a GET through a named operation vs a raw fetch + JSON parse, alternating rounds, median ratio (goal ≤ 1.05)
//   size     — min+gzip of what `import { createA2EClient }` pulls into a bundle (goal ≤ 10 kB); `entrySplit`
//              as a code-splitting bundler ships it: eager, and loaded on first use (the job tracker)
//   polling  — 1,000 concurrent waiters use no more requests than interval × time allows
//   tracking — the same 1,000 jobs across 5 families, per-job pollers vs the tracker (bench/tracking.ts; goal ≤ 5%)
// Results go to bench/results.json. Not a test: machines are noisy, so read the medians.
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createA2EClient } from '../src/index.js';
import { tracking } from './tracking.js';

const here = dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

const child = fork(join(here, 'server.mjs'), { stdio: 'inherit' });
const port = await new Promise<number>((ok) => child.once('message', (m: { port: number }) => ok(m.port)));
const base = `http://127.0.0.1:${port}`;

async function overhead(rounds = 41, calls = 400) {
  const a2e = createA2EClient({ baseUrl: base, apiKey: 'sk_bench_key' });
  const url = `${base}/api/v1/userDubbing/66ea4dd87db10c73fa29b570`;
  const headers = { authorization: 'Bearer sk_bench_key', accept: 'application/json' };
  const raw = async () => { const r = await fetch(url, { headers }); const body = (await r.json()) as { code: number; data: unknown }; if (body.code !== 0) throw new Error(); return body.data; };
  const client = () => a2e.dubbing.getDubbing({ _id: '66ea4dd87db10c73fa29b570' });
  const time = async (f: () => Promise<unknown>) => { const t = performance.now(); for (let i = 0; i < calls; i++) await f(); return (performance.now() - t) / calls; };
  for (let i = 0; i < 3; i++) { await time(raw); await time(client); } // warm up both paths
  const ratios: number[] = []; const rawUs: number[] = []; const clientUs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // alternate which goes first so drift on the machine falls on both
    let r: number, c: number;
    if (i % 2) { r = await time(raw); c = await time(client); } else { c = await time(client); r = await time(raw); }
    rawUs.push(r * 1000); clientUs.push(c * 1000); ratios.push(c / r);
  }
  return { rounds, callsPerRound: calls, rawMedianUs: median(rawUs), clientMedianUs: median(clientUs), medianRatio: median(ratios), goal: 1.05 };
}

async function size() {
  const bundle = async (contents: string) => {
    const out = await build({ stdin: { contents, resolveDir: join(here, '..'), loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false });
    const code = out.outputFiles[0]!.contents;
    return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
  };
  // As a bundler with code splitting ships it: what loads with the entry (the entry chunk and every
  // chunk it imports statically) and what loads on first use (dynamic imports: the job tracker).
  const split = async (contents: string) => {
    const out = await build({ stdin: { contents, resolveDir: join(here, '..'), loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, splitting: true, outdir: join(here, 'split-out'), metafile: true });
    // The metafile names outputs relative to the working directory.
    const gz = new Map(out.outputFiles.map((f) => [relative(process.cwd(), f.path), gzipSync(f.contents, { level: 9 }).length]));
    const outputs = out.metafile!.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k]!.entryPoint)!;
    const eager = new Set([entry]);
    for (const k of eager) for (const i of outputs[k]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) eager.add(i.path);
    const sum = (keys: string[]) => keys.reduce((n, k) => n + (gz.get(k) ?? 0), 0);
    return { eagerGzipBytes: sum([...eager]), onFirstUseGzipBytes: sum(Object.keys(outputs).filter((k) => !eager.has(k) && k.endsWith('.js'))) };
  };
  return {
    entry: await bundle("export { createA2EClient } from './dist/index.js';"),
    entrySplit: await split("export { createA2EClient } from './dist/index.js';"),
    operationTable: await bundle("export { api, jobs, paging, servers } from './src/generated/api.gen.ts';"),
    openapiFetch: await bundle("export { default } from 'openapi-fetch';"),
    goalGzipBytes: 10_000,
  };
}

async function polling(waiters = 1000, intervalMs = 100, durationMs = 2000) {
  const a2e = createA2EClient({ baseUrl: base, apiKey: 'sk_bench_key' });
  await fetch(`${base}/reset/${durationMs}`);
  const started = performance.now();
  await Promise.all(Array.from({ length: waiters }, (_, i) => a2e.waitFor.dubbing(`poll-${i}`, { intervalMs, backoffFactor: 1, timeoutMs: 60_000 })));
  const elapsed = performance.now() - started;
  const { polls } = (await (await fetch(`${base}/stats`)).json()) as { polls: number };
  // each waiter polls once at the start and at most once per interval after that
  const allowed = waiters * (Math.floor(elapsed / intervalMs) + 1);
  return { waiters, intervalMs, jobDurationMs: durationMs, elapsedMs: Math.round(elapsed), requests: polls, allowedByIntervalTimesTime: allowed, withinBound: polls <= allowed };
}

try {
  const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length }, date: new Date().toISOString(), overhead: await overhead(), size: await size(), polling: await polling(), tracking: await tracking() };
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} finally {
  child.kill();
}
