// `--wait` and `a2e wait`: polls a job to its end with the client's waiter. On a terminal, one line on
// stderr redrawn in place (family, id, status, elapsed time, polls, and the family's status vocabulary
// with the current one marked); otherwise one JSON line per status change. Ctrl-C stops waiting, not
// the job, and says how to resume. No progress library: one ANSI line needs none.
import type { A2EClient } from '@a2e-sdk/client';
import { jobFamilies } from '@a2e-sdk/client/operations';
import { EXIT } from './exit-codes.js';
import { kebab } from './names.js';
import { printEvent, scrub } from './output.js';

type FamilyName = keyof typeof jobFamilies;
export interface WaitFlags {
  intervalMs?: number;
  timeoutMs?: number;
}

/** Family names as the CLI spells them (`image-to-video`) → the client's (`imageToVideo`). */
export const familiesByKebab = () => new Map(Object.keys(jobFamilies).map((name) => [kebab(name), name as FamilyName]));

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const seconds = (ms: number) => `${Math.floor(ms / 1000)}s`;

function vocabulary(family: FamilyName, current: string | undefined) {
  const f = jobFamilies[family];
  const mark = (s: string) => (s === current ? `[${s}]` : s);
  return `${(f.pending as readonly string[]).map(mark).join(' → ')} → ${[...f.success, ...f.failure].map(mark).join('|')}`;
}

export async function waitForJobWithProgress(
  a2e: A2EClient,
  family: FamilyName,
  id: string,
  flags: WaitFlags,
): Promise<unknown> {
  const resume = `a2e wait ${kebab(family)} ${id}`;
  const tty = !!process.stderr.isTTY;
  const started = Date.now();
  let polls = 0;
  let status: string | undefined;
  let frame = 0;
  const controller = new AbortController();

  const draw = () => {
    const line =
      `${SPINNER[frame++ % SPINNER.length]} ${kebab(family)} ${id}  status: ${status ?? '…'}  elapsed: ${seconds(Date.now() - started)}` +
      `  polls: ${polls}  (${vocabulary(family, status)})`;
    process.stderr.write(`\r\x1b[2K${scrub(line)}`);
  };
  const ticker = tty ? setInterval(draw, 250) : undefined;
  if (tty) draw();
  else printEvent({ event: 'waiting', family, id, resume });

  const onSigint = () => {
    controller.abort();
    if (ticker) clearInterval(ticker);
    if (tty) process.stderr.write('\r\x1b[2K');
    printEvent({ event: 'interrupted', family, id, status, message: 'stopped waiting; the job goes on', resume });
    if (tty) process.stderr.write(`Stopped waiting; the job was not cancelled. Resume with: ${resume}\n`);
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSigint);
  try {
    return await a2e.waitForJob(family, id, {
      ...(flags.intervalMs !== undefined && {
        intervalMs: flags.intervalMs,
        maxIntervalMs: Math.max(flags.intervalMs, 1),
      }),
      ...(flags.timeoutMs !== undefined && { timeoutMs: flags.timeoutMs }),
      signal: controller.signal,
      onProgress: (next) => {
        polls++;
        if (tty) {
          status = next;
          draw();
        } else if (next !== status) {
          status = next;
          printEvent({ event: 'status', family, id, status, elapsedMs: Date.now() - started, polls });
        }
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    if (ticker) clearInterval(ticker);
    if (tty)
      process.stderr.write(
        `\r\x1b[2K${kebab(family)} ${id} ${status ?? ''} after ${seconds(Date.now() - started)}, ${polls} polls\n`,
      );
  }
}
