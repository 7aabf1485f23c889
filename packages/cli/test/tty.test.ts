// The live progress display of `--wait`, read from a real terminal: tmux runs the command against the
// sandbox and `capture-pane` reads the screen while the job progresses.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.ts';
import { BIN, CANARY } from './helpers.ts';

const socket = `a2e-cli-test-${process.pid}`;
let sandbox: Sandbox;
// The key and URL reach the pane's shell through the tmux server's environment, not the command line.
const tmux = (...args: string[]) =>
  spawnSync('tmux', ['-L', socket, ...args], {
    encoding: 'utf8',
    env: { ...process.env, A2E_API_KEY: CANARY, A2E_BASE_URL: sandbox.url, TERM: 'xterm-256color' },
  });

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, jobDurationMs: 8000 });
});
afterAll(async () => {
  tmux('kill-server');
  await sandbox.close();
});

async function screenUntil(test: (screen: string) => boolean, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < deadline) {
    screen = tmux('capture-pane', '-p', '-t', 'a2e').stdout;
    expect(screen).not.toContain(CANARY);
    if (test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`screen never showed what was expected; last screen:\n${screen}`);
}

it('redraws one status line with status, elapsed time, polls and the status vocabulary, then prints the record', async () => {
  const started = tmux(
    'new-session',
    '-d',
    '-s',
    'a2e',
    '-x',
    '220',
    '-y',
    '30',
    `${process.execPath} ${BIN} dubbing start --target-lang de --wait --interval-ms 300; sleep 60`,
  );
  expect(started.status, started.stderr).toBe(0);
  const during = await screenUntil((s) => /status: (sent|pending|processing)/.test(s));
  expect(during).toMatch(/dubbing [0-9a-f]{24}\s+status: \w+\s+elapsed: \d+s\s+polls: \d+/);
  expect(during).toMatch(/\[(sent|pending|processing)\]/); // the current status marked in the vocabulary
  expect(during).toContain('initialized');
  expect(during).toContain('completed|failed');
  // One line redrawn in place, not a line per poll.
  expect(during.split('\n').filter((l) => l.includes('polls:'))).toHaveLength(1);
  const after = await screenUntil((s) => /"current_status": "completed"/.test(s));
  expect(after).toMatch(/dubbing [0-9a-f]{24} completed after \d+s, \d+ polls/);
  expect(after).toContain('{\n  "_id"'); // pretty JSON on a terminal
});
