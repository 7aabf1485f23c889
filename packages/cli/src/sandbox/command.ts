// `a2e sandbox`: starts the sandbox in the foreground, prints its URL (and a JSON line with it for
// scripts), and stops on Ctrl-C or SIGTERM.
import { Command, Option } from 'commander';
import { UsageError } from '../exit-codes.js';
import { startSandbox } from './index.js';

const number =
  (name: string, min: number, max = Number.POSITIVE_INFINITY) =>
  (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n) || n < min || n > max)
      throw new UsageError(`--${name} takes a number from ${min}${max < Infinity ? ` to ${max}` : ''}`);
    return n;
  };

export function sandboxCommand(run: (task: () => Promise<void>) => Promise<void>) {
  return new Command('sandbox')
    .summary('run a local stand-in of A2E for integration tests')
    .description(
      [
        'Runs a local, stateful stand-in of A2E: requests are checked against the bundled spec and answered from',
        'its examples; a started job moves through its statuses, shows in its detail and list calls, ends completed',
        "or failed, and calls the webhook_url it was given with X-A2e-Webhook-Token (the payload is the sandbox's own:",
        "A2E does not document one). Uploads work: the presigned URL points at the sandbox's own storage.",
        '',
        'Control routes: GET /__sandbox/requests (the request log, authorization masked), GET /__sandbox/jobs,',
        'GET /__sandbox/webhooks, POST /__sandbox/jobs/<id>/complete|fail, POST /__sandbox/faults {operationId,status,times}.',
        'A start request with the header',
        "X-A2e-Sandbox-Outcome: fail|complete decides that job's end. Quotes answer {credits: --quote-credits}.",
      ].join('\n'),
    )
    .addOption(
      new Option('--port <n>', 'port to listen on; 0 picks a free one')
        .default(4020)
        .argParser(number('port', 0, 65535)),
    )
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(
      new Option('--latency-ms <ms>', 'delay added to every API answer').default(0).argParser(number('latency-ms', 0)),
    )
    .addOption(
      new Option('--fail-rate <0..1>', 'share of jobs that end failed').default(0).argParser(number('fail-rate', 0, 1)),
    )
    .addOption(
      new Option('--seed <n>', 'seed for ids and fail-rate draws (repeatable runs)')
        .default(1)
        .argParser(number('seed', 0)),
    )
    .addOption(
      new Option('--job-duration-ms <ms>', 'time from start to end of a job; 0 = only the control route ends it')
        .default(3000)
        .argParser(number('job-duration-ms', 0)),
    )
    .addOption(
      new Option('--quote-credits <n>', 'credits every quote answers')
        .default(10)
        .argParser(number('quote-credits', 0)),
    )
    .action(
      async (flags: {
        port: number;
        host: string;
        latencyMs: number;
        failRate: number;
        seed: number;
        jobDurationMs: number;
        quoteCredits: number;
      }) => {
        await run(async () => {
          const sandbox = await startSandbox(flags);
          process.stdout.write(`${JSON.stringify({ sandbox: sandbox.url })}\n`);
          process.stderr.write(
            `A2E sandbox listening on ${sandbox.url} (A2E_BASE_URL=${sandbox.url}); Ctrl-C stops it\n`,
          );
          await new Promise<void>((resolve) => {
            const stop = () => void sandbox.close().then(resolve);
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        });
      },
    );
}
