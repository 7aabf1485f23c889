// What the consumer tests take from the workspace: its publishable packages, and the versions and npm
// overrides that pnpm-workspace.yaml pins, so that the npm install outside matches the one inside.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '@a2e-sdk/tools/locations';

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
}

/** Every package under packages/ that is not private, i.e. every package `pnpm publish -r` publishes. */
export function publishablePackages(): WorkspacePackage[] {
  const base = join(ROOT, 'packages');
  return readdirSync(base).flatMap((entry) => {
    const dir = join(base, entry);
    let pkg: { name: string; version: string; private?: boolean };
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      return [];
    }
    return pkg.private ? [] : [{ name: pkg.name, version: pkg.version, dir }];
  });
}

const workspace = () =>
  parse(readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')) as {
    catalog: Record<string, string>;
    overrides?: Record<string, string>;
  };

/** `name@version` pins from the workspace catalog. */
export function catalogVersions(names: string[]): Record<string, string> {
  const { catalog } = workspace();
  return Object.fromEntries(
    names.map((n) => {
      if (!catalog[n]) throw new Error(`${n} is not in the pnpm-workspace.yaml catalog`);
      return [n, catalog[n]];
    }),
  );
}

/** pnpm's `overrides`, which npm reads under the same name and shape. */
export const workspaceOverrides = () => workspace().overrides ?? {};
