// The last released spec, which a change is compared with (CONTRIBUTING.md, "Breaking changes"):
// $A2E_SPEC_BASELINE (any git ref), else the `spec-baseline` tag the release process moves, else the
// merge base with main on a branch, else the commit that created @a2e-sdk/spec: no version of it can
// have been published before that, and the spec's earlier history was never released.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSpec } from '@a2e-sdk/tools/spec';

export const BASELINE_TAG = 'spec-baseline';
const PACKAGE_FILE = 'packages/spec/package.json';

function git(root: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The commit the spec is compared with, and why that one. */
export function baselineRef(root: string, env = process.env): { commit: string; reason: string } {
  const named = env.A2E_SPEC_BASELINE;
  if (named) {
    const commit = git(root, ['rev-parse', '--verify', `${named}^{commit}`]);
    if (!commit) throw new Error(`A2E_SPEC_BASELINE=${named} is not a commit of this repository`);
    return { commit, reason: `A2E_SPEC_BASELINE=${named}` };
  }
  const tagged = git(root, ['rev-parse', '--verify', '--quiet', `refs/tags/${BASELINE_TAG}^{commit}`]);
  if (tagged) return { commit: tagged, reason: `tag ${BASELINE_TAG}` };
  const head = git(root, ['rev-parse', 'HEAD']);
  for (const main of ['origin/main', 'main']) {
    const tip = git(root, ['rev-parse', '--verify', '--quiet', `${main}^{commit}`]);
    const base = tip && tip !== head ? git(root, ['merge-base', 'HEAD', main]) : undefined;
    if (base && base !== head) return { commit: base, reason: `merge base with ${main}` };
  }
  const first = git(root, ['log', '--reverse', '--format=%H', '--', PACKAGE_FILE])?.split('\n')[0];
  if (first) return { commit: first, reason: `first commit of ${PACKAGE_FILE} (no release yet)` };
  if (!head) throw new Error('not a git repository with commits, so there is no baseline to compare with');
  return { commit: head, reason: `HEAD (${PACKAGE_FILE} is not committed yet)` };
}

const bundled = new Map<string, unknown>();

/** The spec of `commit`, bundled the same way as the current one (a commit's spec never changes, so once). */
export function bundleAt(root: string, commit: string): unknown {
  if (!bundled.has(commit)) bundled.set(commit, bundleCommit(root, commit));
  return bundled.get(commit);
}

function bundleCommit(root: string, commit: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-baseline-'));
  try {
    const tar = spawnSync('git', ['archive', '--format=tar', commit, 'spec'], {
      cwd: root,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (tar.status !== 0) throw new Error(`git archive ${commit} spec failed: ${tar.stderr}`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
    if (untar.status !== 0) throw new Error(`tar -x failed: ${untar.stderr}`);
    return bundleSpec(join(dir, 'spec', 'openapi.yaml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
