// Runs the built `a2e` as a child process, with a canary key in its environment and a throwaway config
// directory, and checks that the key never shows on stdout or stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
export const CANARY = 'sk_canary_9f3c1e7a5b2d4608';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  {
    env = {},
    input,
    onSpawn,
  }: {
    env?: Record<string, string | undefined>;
    input?: string;
    onSpawn?: (child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<Ran> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'a2e-cfg-')),
      A2E_API_KEY: CANARY,
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  child.stdin.end(input ?? '');
  onSpawn?.(child);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      expect(stdout).not.toContain(CANARY);
      expect(stderr).not.toContain(CANARY);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

export const errorOf = (ran: Ran) =>
  (JSON.parse(ran.stderr.trim().split('\n').at(-1)!) as { error: Record<string, unknown> }).error;
export const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
