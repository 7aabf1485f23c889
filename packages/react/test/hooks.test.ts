// @vitest-environment node
// Every operation of the client's table has its hook and factories, named by the rule, of the right kind.
import { api } from '@a2e-sdk/client';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as react from '../src/index.js';
import { render, OUTPUT } from '../scripts/generate.js';
import { createsOrDeletes, hookNameOf, isListQuery, type Kind } from '../scripts/naming.js';

const exported = react as unknown as Record<string, ((...args: never[]) => unknown) & { operationId?: string; kind?: string; invalidates?: string[] }>;
const operations = Object.entries(api).flatMap(([tag, ops]) =>
  Object.entries(ops).map(([id, entry]) => ({ tag, id, kind: (entry as { kind: Kind }).kind })));

describe('generated hooks', () => {
  it('cover all 261+ operations of the table, with unique names', () => {
    expect(operations.length).toBeGreaterThanOrEqual(261);
    const names = operations.map(({ id, kind }) => hookNameOf(id, kind));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations.filter((o) => o.kind === 'read').map((o) => [hookNameOf(o.id, o.kind), o] as const))('%s is the query hook of its read', (name, { id, tag }) => {
    expect(exported[name]).toEqual(expect.any(Function));
    expect(exported[name]!.operationId).toBe(id);
    expect(exported[name]!.kind).toBe('query');
    expect(exported[`${id}Options`]).toEqual(expect.any(Function));
    expect(exported[`${id}QueryKey`]!({} as never)).toEqual([{ _id: id, tag, input: {} }]);
  });

  it.each(operations.filter((o) => o.kind !== 'read').map((o) => [hookNameOf(o.id, o.kind), o] as const))('%s is the mutation hook of its write', (name, { id, tag, kind }) => {
    expect(exported[name]).toEqual(expect.any(Function));
    expect(exported[name]!.operationId).toBe(id);
    expect(exported[name]!.kind).toBe('mutation');
    const lists = operations.filter((o) => o.tag === tag && isListQuery(o.id, o.kind)).map((o) => o.id);
    expect(exported[`${id}Mutation`]!.invalidates).toEqual(createsOrDeletes(id, kind) ? lists : []);
  });

  it('counts one hook per operation and nothing else named use…', () => {
    const hooks = Object.keys(exported).filter((k) => /^use[A-Z]/.test(k) && exported[k]!.operationId);
    expect(hooks.length).toBe(operations.length);
  });

  it('are committed as the generator writes them today', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(render());
  });
});
