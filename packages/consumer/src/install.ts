// Packs the publishable packages with `pnpm pack` and installs the tarballs with plain npm into a fresh
// directory outside the workspace, as a user's project would get them.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogVersions, publishablePackages, workspaceOverrides } from './workspace.ts';

export interface Installed {
  dir: string;
  packages: { name: string; tarball: string; packedBytes: number; installedBytes: number }[];
}

export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

function bytesUnder(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((sum, e) => sum + bytesUnder(join(path, e)), 0) : s.size;
}

// What the test project needs besides our tarballs: the peers of @a2e-sdk/react, a type checker, and
// Prism to mock the API from the installed spec. Same versions as the workspace.
const EXTRA = ['react', '@tanstack/react-query', '@stoplight/prism-cli'];
const EXTRA_DEV = ['typescript', '@types/node', '@types/react'];

export function packAndInstall(fixtures: string): Installed {
  const dir = mkdtempSync(join(tmpdir(), 'a2e-consumer-'));
  const tarballs = join(dir, 'tarballs');
  mkdirSync(tarballs);
  const packed = publishablePackages().map((p) => {
    const out = run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: p.dir });
    const tarball = out
      .trim()
      .split('\n')
      .filter((l) => l.endsWith('.tgz'))
      .at(-1)!
      .trim();
    return { name: p.name, tarball };
  });
  const project = join(dir, 'project');
  cpSync(fixtures, project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'a2e-consumer',
        private: true,
        type: 'module',
        dependencies: {
          ...Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`])),
          ...catalogVersions(EXTRA),
        },
        devDependencies: catalogVersions(EXTRA_DEV),
        overrides: workspaceOverrides(),
      },
      null,
      2,
    ),
  );
  // Scripts off: the only install script in this tree is Prism's telemetry ping (@scarf/scarf).
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
    cwd: project,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  return {
    dir: project,
    packages: packed.map((p) => ({
      ...p,
      packedBytes: statSync(p.tarball).size,
      installedBytes: bytesUnder(join(project, 'node_modules', p.name)),
    })),
  };
}
