// The spec is split into one fragment per tag (spec/paths/*.yaml); openapi.yaml indexes their paths.
// This module derives that index from the fragments, so it can be checked or rewritten, never drift.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from 'yaml';
import { FRAGMENT_DIR, SPEC_DIR, SPEC_ENTRY } from './locations.ts';
import { escapePointer } from './openapi-document.ts';

export interface Fragment {
  file: string;
  paths: string[];
}

export function readFragment(file: string): Fragment {
  const doc = parse(readFileSync(file, 'utf8')) as { paths?: Record<string, unknown> } | null;
  return { file, paths: Object.keys(doc?.paths ?? {}) };
}

/** Fragments in the order of the tags in openapi.yaml (file name = tag in kebab-case), then by name. */
export function listFragments(): Fragment[] {
  const tagOrder =
    (parse(readFileSync(SPEC_ENTRY, 'utf8')) as { tags?: { name: string }[] }).tags?.map((t) => kebab(t.name)) ?? [];
  const rank = (f: string) => {
    const i = tagOrder.indexOf(f.replace(/\.yaml$/, ''));
    return i < 0 ? tagOrder.length : i;
  };
  return readdirSync(FRAGMENT_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((f) => readFragment(join(FRAGMENT_DIR, f)));
}

export const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The `paths:` block of a root document that references every path of the given fragments. */
export function renderPathsBlock(fragments: Fragment[], fromDir = SPEC_DIR): string {
  const lines = ['paths:'];
  for (const f of fragments) {
    const rel = `./${relative(fromDir, f.file).split('\\').join('/')}`;
    lines.push(`  # ${basename(f.file)}`);
    for (const p of f.paths) lines.push(`  ${p}:`, `    $ref: '${rel}#/paths/${escapePointer(p)}'`);
  }
  return `${lines.join('\n')}\n`;
}

const BLOCK = /^paths:.*\n(?:(?: .*)?\n)*/m;

/** openapi.yaml with its `paths:` block replaced. */
export function withPathsBlock(rootText: string, block: string): string {
  if (!BLOCK.test(rootText)) throw new Error('openapi.yaml has no top-level paths: block');
  return rootText.replace(BLOCK, block);
}

/** Paths that appear in two fragments: the index could point at only one of them. */
export function duplicatePaths(fragments: Fragment[]): string[] {
  const seen = new Map<string, string>();
  const dups: string[] = [];
  for (const f of fragments)
    for (const p of f.paths) {
      const prev = seen.get(p);
      if (prev) dups.push(`${p} is in ${relative(SPEC_DIR, prev)} and ${relative(SPEC_DIR, f.file)}`);
      seen.set(p, f.file);
    }
  return dups;
}

/** The root text with an index of every fragment, and what stops it from being written. */
export function expectedRoot(): { text: string; current: string; duplicates: string[]; count: number } {
  const fragments = listFragments();
  const current = readFileSync(SPEC_ENTRY, 'utf8');
  return {
    text: withPathsBlock(current, renderPathsBlock(fragments)),
    current,
    duplicates: duplicatePaths(fragments),
    count: fragments.reduce((n, f) => n + f.paths.length, 0),
  };
}
