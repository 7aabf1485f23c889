// Release dry run: on a throwaway copy of the workspace, `changeset version` then `pnpm publish -r
// --dry-run` succeed, and every publishable package ships a CHANGELOG, a README, a license and every
// file its package.json points at.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/install.ts';
import { declaredFiles, matchesTarget, tarballFiles, throwawayWorkspace } from '../src/release.ts';
import { publishablePackages } from '../src/workspace.ts';

const packages = publishablePackages();
let repo: string;
let published: string;
const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
const inCopy = (dir: string) => join(repo, 'packages', dir.split(/[\\/]/).at(-1)!);

beforeAll(() => {
  repo = throwawayWorkspace();
  run(join(repo, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: repo });
  published = run('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'], {
    cwd: repo,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
});
afterAll(() => {
  if (repo) rmSync(dirname(repo), { recursive: true, force: true });
});

describe('release dry run on a throwaway copy', () => {
  it('publishes every publishable package, at its version after `changeset version`', () => {
    expect(packages.length).toBeGreaterThanOrEqual(3);
    for (const p of packages) expect(published).toContain(`+ ${p.name}@${versionOf(inCopy(p.dir))}`);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    '%s ships a CHANGELOG for its version, a README, a license and every file it declares',
    (_name, p) => {
      const dir = inCopy(p.dir);
      const version = versionOf(dir);
      expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toContain(`## ${version}`);
      const out = join(dirname(repo), 'packed');
      mkdirSync(out, { recursive: true });
      const tarball = run('pnpm', ['pack', '--pack-destination', out], { cwd: dir }).trim().split('\n').at(-1)!.trim();
      const files = tarballFiles(tarball);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
      for (const target of declaredFiles(dir))
        expect(
          files.some((f) => matchesTarget(target, f)),
          target,
        ).toBe(true);
    },
  );

  it('left the workspace itself untouched', () => {
    for (const p of packages) expect(versionOf(p.dir)).toBe(p.version);
  });
});
