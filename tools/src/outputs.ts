// Generated files are committed; these helpers write them and find the ones that drifted from a fresh
// render (hand-edited, stale, missing — or, for an exclusive folder, left over).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Rendered = Map<string, string>;

export function staleIn(dir: string, rendered: Rendered, { exclusive = false } = {}): string[] {
  const stale: string[] = [];
  for (const [name, text] of rendered) {
    let onDisk: string | undefined;
    try {
      onDisk = readFileSync(join(dir, name), 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (onDisk !== text) stale.push(name);
  }
  if (exclusive)
    for (const name of listFiles(dir)) if (!rendered.has(name)) stale.push(`${name} (not generated any more)`);
  return stale;
}

export function writeIn(dir: string, rendered: Rendered, { exclusive = false } = {}): void {
  if (exclusive) for (const name of listFiles(dir)) if (!rendered.has(name)) rmSync(join(dir, name));
  for (const [name, text] of rendered) {
    // An unchanged file is left alone, so a tool reading it while another package generates never sees it half-written.
    if (readOr(join(dir, name)) === text) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
  } catch {
    return [];
  }
}

function readOr(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
