import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicatePaths, readFragment, renderPathsBlock, withPathsBlock } from '../src/fragments.ts';

const dir = mkdtempSync(join(tmpdir(), 'frag-'));
mkdirSync(join(dir, 'paths'));
const write = (name: string, paths: string[]) => {
  const file = join(dir, 'paths', name);
  writeFileSync(file, `paths:\n${paths.map((p) => `  ${p}:\n    get: {}\n`).join('')}`);
  return readFragment(file);
};

describe('paths index', () => {
  it('points at each fragment path with an escaped JSON pointer', () => {
    const f = write('dubbing.yaml', ['/api/v1/userDubbing/{_id}', '/a~b']);
    expect(renderPathsBlock([f], dir)).toBe(
      [
        'paths:',
        '  # dubbing.yaml',
        '  /api/v1/userDubbing/{_id}:',
        "    $ref: './paths/dubbing.yaml#/paths/~1api~1v1~1userDubbing~1{_id}'",
        '  /a~b:',
        "    $ref: './paths/dubbing.yaml#/paths/~1a~0b'",
        '',
      ].join('\n'),
    );
  });

  it('replaces only the paths block of the root', () => {
    const root = 'openapi: 3.1.0\npaths:\n  /old:\n    $ref: x\n\ncomponents:\n  schemas: {}\n';
    expect(withPathsBlock(root, 'paths:\n  /new:\n    $ref: y\n')).toBe(
      'openapi: 3.1.0\npaths:\n  /new:\n    $ref: y\ncomponents:\n  schemas: {}\n',
    );
  });

  it('finds a path defined in two fragments', () => {
    const a = write('a.yaml', ['/x']);
    const b = write('b.yaml', ['/x', '/y']);
    expect(duplicatePaths([a, b])).toHaveLength(1);
  });
});
