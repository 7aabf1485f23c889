// The default store: bounded, set-if-absent once, one lease holder at a time.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type LedgerEntry } from '../../src/index.js';

const entry = (key: string, state: LedgerEntry['state'] = 'sending'): LedgerEntry => ({
  key,
  operationId: 'startDubbing',
  family: 'dubbing',
  bodyHash: 'h',
  startedAt: Date.now(),
  state,
});

describe('memory store', () => {
  it('stays within maxEntries, dropping closed entries before open ones', async () => {
    const store = createMemoryStore({ maxEntries: 3 });
    await store.begin(entry('a', 'terminal'));
    await store.begin(entry('b'));
    await store.begin(entry('c'));
    await store.begin(entry('d'));
    expect(await store.get('a')).toBeUndefined();
    expect((await store.open()).map((e) => e.key)).toEqual(['b', 'c', 'd']);
    await store.begin(entry('e'));
    expect((await store.open()).map((e) => e.key)).toEqual(['c', 'd', 'e']);
    await expect(store.begin(entry('e'))).rejects.toThrow('exists');
  });

  it('claims a key once until it expires, and holds a lease for one holder', async () => {
    const store = createMemoryStore();
    expect(await store.claim('k', 50)).toBe(true);
    expect(await store.claim('k', 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 70));
    expect(await store.claim('k', 50)).toBe(true);
    expect(await store.lease('l', 'one', 1000)).toBe(true);
    expect(await store.lease('l', 'two', 1000)).toBe(false);
    expect(await store.lease('l', 'one', 1000)).toBe(true);
  });
});
