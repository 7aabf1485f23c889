// Every grouped method (resources.gen.ts) and every per-operation function (fns.gen.ts) carries the
// operation's summary, its kind and `METHOD path` in the JSDoc right above it, so an editor shows them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../src/generated/operations.gen.js';
import { root } from '../bench/size.js';

const read = (file: string) => readFileSync(join(root, 'src/generated', file), 'utf8');
/** operationId → the JSDoc block just above its declaration. */
function docs(text: string, declaration: (id: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of Object.keys(operations)) {
    const at = text.indexOf(declaration(id));
    const open = text.lastIndexOf('/**', at);
    out.set(id, at < 0 || open < 0 ? '' : text.slice(open, at));
  }
  return out;
}

describe.each([
  ['resources.gen.ts', (id: string) => `    ${id}(...args: OperationArgs<'${id}'>)`],
  ['fns.gen.ts', (id: string) => `export const ${id} = `],
])('%s', (file, declaration) => {
  const found = docs(read(file), declaration);
  it.each(Object.entries(operations))('documents %s', (id, op) => {
    const doc = found.get(id)!;
    expect(doc).toContain(`${op.kind} · \`${op.method} ${op.path}\``);
    expect(doc.split('*/').length, 'one block, its own').toBe(2);
    expect(doc.replace(/\/\*\*|\*\/|\*|\s/g, '').length).toBeGreaterThan(
      `${op.kind}·${op.method}${op.path}`.length + 5,
    ); // a summary too
  });
});
