// @vitest-environment node
// Every operation of the client's table has its hook and factories, named by the rule, of the right kind.
import { operations as table } from '@a2e-sdk/client/operations';
import { hookNameOf, type Kind } from '@a2e-sdk/tools/react-hook-names';
import { describe, expect, it } from 'vitest';
import * as react from '../src/index.js';

type Exported = ((...args: never[]) => unknown) & {
  operationId?: string;
  kind?: string;
  invalidates?: string[];
  paging?: unknown;
};
const exported = react as unknown as Record<string, Exported>;
const operations = Object.entries(table).map(([id, entry]) => {
  const e = entry as { tag: string; kind: Kind; paging?: Record<string, string>; invalidates?: readonly string[] };
  return { id, tag: e.tag, kind: e.kind, paging: e.paging, invalidates: e.invalidates ?? [] };
});

describe('generated hooks', () => {
  it('cover all 261+ operations of the table, with unique names', () => {
    expect(operations.length).toBeGreaterThanOrEqual(261);
    const names = operations.map(({ id, kind }) => hookNameOf(id, kind));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations.filter((o) => o.kind === 'read').map((o) => [hookNameOf(o.id, o.kind), o] as const))(
    '%s is the query hook of its read',
    (name, { id, tag }) => {
      expect(exported[name]).toEqual(expect.any(Function));
      expect(exported[name]!.operationId).toBe(id);
      expect(exported[name]!.kind).toBe('query');
      expect(exported[`${id}Options`]).toEqual(expect.any(Function));
      expect(exported[`${id}QueryKey`]!({} as never)).toEqual([{ _id: id, tag, input: {} }]);
    },
  );

  it.each(operations.filter((o) => o.kind !== 'read').map((o) => [hookNameOf(o.id, o.kind), o] as const))(
    '%s is the mutation hook of its write',
    (name, { id, invalidates }) => {
      expect(exported[name]).toEqual(expect.any(Function));
      expect(exported[name]!.operationId).toBe(id);
      expect(exported[name]!.kind).toBe('mutation');
      // Exactly what the spec's x-a2e-invalidates says, nothing guessed from the name.
      expect(exported[`${id}Mutation`]!.invalidates).toEqual(invalidates);
    },
  );

  it("invalidate from the spec, not from verbs: addUser touches no list, startDubbing its family's lists", () => {
    expect(exported.addUserMutation!.invalidates).toEqual([]);
    expect(exported.startDubbingMutation!.invalidates).toEqual(['listDubbings', 'listProcessingDubbings']);
    expect(exported.createStreamingAvatarTokenMutation!.invalidates).toEqual([]);
  });

  it('give every paged read, and only those, infinite-query options', () => {
    const paged = operations.filter((o) => o.kind === 'read' && o.paging);
    expect(paged.length).toBeGreaterThan(20);
    for (const { id, paging } of paged) expect(exported[`${id}InfiniteOptions`]?.paging).toEqual(paging);
    const infinite = Object.keys(exported).filter((k) => k.endsWith('InfiniteOptions'));
    expect(infinite.length).toBe(paged.length);
  });

  it('counts one hook per operation and nothing else named use…', () => {
    const hooks = Object.keys(exported).filter((k) => /^use[A-Z]/.test(k) && exported[k]!.operationId);
    expect(hooks.length).toBe(operations.length);
  });
});
