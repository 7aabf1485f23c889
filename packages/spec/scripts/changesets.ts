// Pending changesets (`.changeset/*.md`) and the bump each asks for a package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Bump = 'major' | 'minor' | 'patch';

/** Pending changeset files that bump `pkg` as `bump`. */
export function changesetsBumping(root: string, pkg: string, bump: Bump): string[] {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .filter((f) => {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, f), 'utf8'))?.[1];
      const bumps = (front ? parse(front) : null) as Record<string, string> | null;
      return bumps?.[pkg] === bump;
    });
}
