// The completion scripts load in bash, zsh and fish without error and complete groups and operations.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers.ts';

let PATH: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-bin-'));
  writeFileSync(join(dir, 'a2e'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(dir, 'a2e'), 0o755);
  PATH = `${dir}:${process.env.PATH}`;
});
const shell = (cmd: string, script: string) => {
  const r = spawnSync(cmd, ['-c', script], {
    encoding: 'utf8',
    env: { PATH, HOME: mkdtempSync(join(tmpdir(), 'a2e-home-')) },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('completion', () => {
  it('bash: loads, completes a group and an operation (with its alias)', () => {
    const groups = shell(
      'bash',
      'eval "$(a2e completion bash)" && COMP_WORDS=(a2e dubb) && COMP_CWORD=1 && _a2e_complete && printf "%s\\n" "${COMPREPLY[@]}"',
    );
    expect(groups.stderr).toBe('');
    expect(groups.stdout.trim().split('\n')).toEqual(['dubbing']);
    const ops = shell(
      'bash',
      'eval "$(a2e completion bash)" && COMP_WORDS=(a2e dubbing st) && COMP_CWORD=2 && _a2e_complete && printf "%s\\n" "${COMPREPLY[@]}"',
    );
    expect(ops.stdout.trim().split('\n')).toEqual(['start-dubbing']);
    const flags = shell(
      'bash',
      'eval "$(a2e completion bash)" && COMP_WORDS=(a2e dubbing start --so) && COMP_CWORD=3 && _a2e_complete && printf "%s\\n" "${COMPREPLY[@]}"',
    );
    expect(flags.stdout.trim().split('\n').sort()).toEqual(['--source-lang', '--source-url']);
  });

  it('zsh: loads and defines the completion function', () => {
    const r = shell('zsh', 'source <(a2e completion zsh) && whence -w _a2e_complete');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('_a2e_complete: function');
  });

  it('fish: loads and completes a group', () => {
    const r = shell('fish', 'a2e completion fish | source; complete -C"a2e dubb"');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['dubbing']);
  });
});
