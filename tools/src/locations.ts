// Where things live in the repo (file locations, not URL paths): every tool resolves from here so it runs from any cwd.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_DIR = join(ROOT, 'spec');
export const SPEC_ENTRY = join(SPEC_DIR, 'openapi.yaml');
export const FRAGMENT_DIR = join(SPEC_DIR, 'paths');
// The evidence folder sits beside the checkout (`../shared`); a git worktree one level deeper finds it at
// `../../shared`. `A2E_SHARED_DIR` overrides both.
export const SHARED_DIR =
  process.env.A2E_SHARED_DIR ??
  [join(ROOT, '..', 'shared'), join(ROOT, '..', '..', 'shared')].find((d) => existsSync(d)) ??
  join(ROOT, '..', 'shared');
export const GENERATED_DIR = join(ROOT, 'packages', 'client', 'src', 'generated');

/** True when the module at `url` is the script node was started with (so a CLI file can also be imported). */
export const isMain = (url: string) => !!process.argv[1] && url === pathToFileURL(process.argv[1]).href;
export const REACT_GENERATED_DIR = join(ROOT, 'packages', 'react', 'src', 'generated');
