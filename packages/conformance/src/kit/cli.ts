// `a2e-conformance`: the arguments, the reports and the exit code around `runConformance()`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toJUnit } from './junit.js';
import { EXIT, exitCodeOf, runConformance, UsageError, type ConformanceReport } from './run.js';
import type { JobDriver } from './jobs.js';

export const HELP = `a2e-conformance --base-url <url> [options]

Sends every operation vector of the installed @a2e-sdk/spec to an A2E-shaped server and checks each
answer against the spec. The key comes from A2E_API_KEY (any value for a mock); it is never printed
or written. Reads only unless --allow-writes and --confirm are given.

  --base-url <url>         the server (Prism, the CLI's sandbox, a gateway, https://video.a2e.ai)
  --operations <a,b>       only these operationIds
  --tags <a,b>             only operations with these tags
  --allow-writes           also run operations that write or spend credits, and the job flows
  --confirm <host:port>    required with --allow-writes: the host of --base-url typed out,
                           with its :port when the URL has one (video.a2e.ai, 127.0.0.1:4010)
  --job-driver <driver>    drive job flows to their end: prism (Prefer examples) or sandbox (control route)
  --no-negatives           skip the negative cases (no token, a required field missing)
  --timeout-ms <ms>        per exchange (default 30000)
  --report-json <file>     the drift report as JSON
  --report-junit <file>    the cases as JUnit XML
  -h, --help

Exit codes:
  0  every exercised operation answered as the spec says
  1  drift: at least one answer differs from the spec (or a negative case was not refused)
  2  usage: bad arguments, no A2E_API_KEY, writes without a matching --confirm (or the kit failed)
  3  unreachable: the server did not answer (connection refused, DNS, timeout), or 3 calls in a row got no answer
  4  auth: the server refused the key on every call that sends it
`;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
}

function summary(r: ConformanceReport): string {
  const lines = [
    `a2e-conformance: ${r.baseUrl} (${r.write ? 'reads and writes' : 'reads only'}${r.jobDriver ? `, job flows via ${r.jobDriver}` : ''})`,
  ];
  if (r.unreachable)
    return [...lines, `unreachable: ${r.unreachable}`, 'operations exercised: 0/' + r.summary.operations].join('\n');
  lines.push(`operations exercised: ${r.summary.exercised}/${r.summary.operations}`);
  const skipped = r.cases.filter((c) => c.outcome === 'skipped');
  if (skipped.length) {
    const writes = skipped.filter((c) => c.detail?.includes('--allow-writes')).length;
    const ids = skipped.filter((c) => c.detail?.startsWith('the example id')).length;
    lines.push(
      `skipped: ${skipped.length} (writes not allowed: ${writes}, example ids unknown to the target: ${ids}, made-up inputs refused: ${skipped.length - writes - ids})`,
    );
  }
  if (r.summary.negatives)
    lines.push(
      `negative cases: ${r.summary.negatives}, ${r.cases.filter((c) => c.suite === 'negative' && c.outcome === 'drift').length} not refused`,
    );
  if (r.summary.jobFlows)
    lines.push(
      `job flows: ${r.summary.jobFlows}, ${r.cases.filter((c) => c.suite === 'jobs' && c.outcome === 'drift').length} failed`,
    );
  if (r.authRefused) lines.push('auth: the server refused the key on every call that sends it');
  lines.push(`drift: ${r.drift.length}`);
  for (const d of r.drift.slice(0, 20))
    lines.push(`  ${d.operation} ${d.kind} ${d.at} ${d.detail}`.replace(/\s+$/, ''));
  if (r.drift.length > 20) lines.push(`  … ${r.drift.length - 20} more in the JSON report`);
  return lines.join('\n');
}

const list = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export async function main(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        'base-url': { type: 'string' },
        operations: { type: 'string' },
        tags: { type: 'string' },
        'allow-writes': { type: 'boolean' },
        confirm: { type: 'string' },
        'job-driver': { type: 'string' },
        'no-negatives': { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        'report-json': { type: 'string' },
        'report-junit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  const timeoutMs = args['timeout-ms'] === undefined ? undefined : Number(args['timeout-ms']);
  if (!args['base-url'] || (timeoutMs !== undefined && !(timeoutMs > 0))) {
    io.err(`${!args['base-url'] ? '--base-url is required' : '--timeout-ms must be a positive number'}\n\n${HELP}`);
    return EXIT.usage;
  }
  let report: ConformanceReport;
  try {
    report = await runConformance({
      baseUrl: args['base-url'],
      apiKey: io.env.A2E_API_KEY ?? '',
      ...(args['allow-writes'] && { allowWrites: true }),
      ...(args.confirm && { confirm: args.confirm }),
      ...(list(args.operations) && { operations: list(args.operations) }),
      ...(list(args.tags) && { tags: list(args.tags) }),
      ...(args['job-driver'] && { jobDriver: args['job-driver'] as JobDriver }),
      ...(args['no-negatives'] && { negatives: false }),
      ...(timeoutMs && { timeoutMs }),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`a2e-conformance: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
  const write = (file: string, text: string) => {
    const path = resolve(io.cwd, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  if (args['report-json']) write(args['report-json'], `${JSON.stringify(report, null, 2)}\n`);
  if (args['report-junit']) write(args['report-junit'], toJUnit(report));
  io.out(summary(report));
  return exitCodeOf(report);
}
