// Own words: no run of eight words in our text — descriptions, summaries, titles and the evidence
// notes (x-a2e-*) — may be a run of A2E's prose. A2E's prose is not in the repo; ../shared/a2e-official/prose-shingles.txt holds one hash per
// 8-word run of it, made as its README says (lowercase, words are runs of [a-z0-9_], eight joined by
// single spaces, the first 16 hex digits of the SHA-1 of that string). Runs that are only product and
// model names with numbers are facts, not prose: those are listed, with a reason, in spec/prose-allowlist.txt.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from './examples.ts';
import { SHARED_DIR, SPEC_DIR } from './locations.ts';

export const SHINGLE_WORDS = 8;
export const SHINGLES_FILE = join(SHARED_DIR, 'a2e-official', 'prose-shingles.txt');
export const ALLOWLIST_FILE = join(SPEC_DIR, 'prose-allowlist.txt');

/** Subtrees that hold data (examples, defaults, enums), not our prose: every other string is ours. */
const DATA_KEYS = new Set(['example', 'value', 'default', 'enum', 'const']);
/** A schema's `examples` is a list of values (data); a media type's is a map of named examples (ours, but their `value` is data). */
const isData = (key: string, value: unknown) => DATA_KEYS.has(key) || (key === 'examples' && Array.isArray(value));

export const shingleHash = (run: string) => createHash('sha1').update(run, 'utf8').digest('hex').slice(0, 16);

/** Every 8-word run of `text`, normalised as the shingles were made. */
export function shingles(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
  const runs: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) runs.push(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return runs;
}

/** Hashes from a file: one per line (the first 16 hex digits); `#` starts a comment. */
export function readHashes(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().slice(0, 16))
      .filter((h) => /^[0-9a-f]{16}$/.test(h)),
  );
}

/** Each string of ours (outside example and value data), with its JSON pointer. Names and paths are
 * single words or short, so only prose can make an 8-word run. */
function* proseOf(node: unknown, ptr: string): Generator<{ where: string; text: string }> {
  if (typeof node === 'string') {
    yield { where: ptr, text: node };
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (!isData(k, v)) yield* proseOf(v, `${ptr}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
  }
}

/** Runs of our prose found in A2E's (minus the allowlist), one problem per text. */
export function checkProse(doc: unknown, theirs: Set<string>, allowed: Set<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  for (const { where, text } of proseOf(doc, '')) {
    const matches = shingles(text).filter((run) => {
      const h = shingleHash(run);
      return theirs.has(h) && !allowed.has(h);
    });
    if (matches.length)
      problems.push({
        where,
        message: `repeats A2E's prose: "${matches[0]}"${matches.length > 1 ? ` (+${matches.length - 1} more runs)` : ''}`,
      });
  }
  return problems;
}

/** The check as `pnpm check:spec` runs it: A2E's hashes from ../shared, our allowlist from spec/. */
export function checkOwnWords(doc: unknown): Problem[] {
  if (!existsSync(SHINGLES_FILE))
    return [{ where: SHINGLES_FILE, message: 'A2E prose hashes not found (set A2E_SHARED_DIR)' }];
  return checkProse(
    doc,
    readHashes(SHINGLES_FILE),
    existsSync(ALLOWLIST_FILE) ? readHashes(ALLOWLIST_FILE) : new Set(),
  );
}
