// The runtime must work in browsers, Deno, Bun and edge runtimes: no Node built-ins, no bare `process`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
// src/node.ts is the Node-only subpath (`@a2e-sdk/client/node`) and may use Node built-ins.
const src = files(new URL('../src', import.meta.url).pathname).filter((f) => !f.endsWith('/src/node.ts'));

describe('runtime code', () => {
  it.each(src.map((f) => [f.replace(/.*\/src\//, 'src/'), f]))(
    '%s imports no Node built-in and reads no bare process',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from ['"](node:|fs|path|http|https|os|crypto|util|stream|buffer|child_process)['"/]/);
      expect(text).not.toMatch(/(?<![.\w])process\./);
      expect(text).not.toMatch(/\bBuffer\b|\brequire\(/);
    },
  );
});
