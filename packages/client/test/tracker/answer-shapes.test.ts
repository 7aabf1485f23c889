// Batch answers in every shape the tracker reads, and the ones it refuses (so it falls back to detail calls).
import { describe, expect, it } from 'vitest';
import { readBatchAnswer, rowsAt } from '../../src/lib/tracker/answer-shapes.js';
import { createRequestBudget } from '../../src/lib/tracker/request-budget.js';

const a = { _id: 'a', current_status: 'completed' };
const b = { _id: 'b', current_status: 'processing' };

describe('batch answer shapes', () => {
  it.each([
    ['array', [b, a]],
    ['rows', { rows: [b, a], count: 2 }],
    ['list', { list: [b, a] }],
    ['data', { data: [b, a] }],
    ['keyed', { a, b }],
  ])('reads %s, matching by _id', (shape, data) => {
    const answer = readBatchAnswer(data, ['a', 'b'])!;
    expect(answer.shape).toBe(shape);
    expect(answer.records.get('a')).toBe(a);
    expect(answer.records.get('b')).toBe(b);
  });

  it('takes `id` where `_id` is missing, and a number id as text', () => {
    expect(readBatchAnswer([{ id: 7, current_status: 'completed' }], ['7'])!.records.get('7')).toMatchObject({ id: 7 });
  });

  it.each([
    ['text', 'ok'],
    ['null', null],
    ['rows without ids', [{ current_status: 'completed' }]],
    ['rows that are not records', ['a', 'b']],
    ['an object keyed by other ids', { x: a }],
    ['keyed values that are not records', { a: 'completed' }],
  ])('refuses %s', (_, data) => {
    expect(readBatchAnswer(data, ['a', 'b'])).toBeUndefined();
  });

  it('an empty array is read (no job shown), not refused', () => {
    expect(readBatchAnswer([], ['a'])!.records.size).toBe(0);
  });

  it('rowsAt follows the paging annotation path', () => {
    expect(rowsAt({ data: { rows: [a] } }, 'data.rows')).toEqual([a]);
    expect(rowsAt({ data: [a] }, 'data')).toEqual([a]);
    expect(rowsAt({ data: a }, 'data.rows')).toBeUndefined();
  });
});

describe('request budget', () => {
  it('gives a burst of one second, then one token per 1/rate', async () => {
    let now = 0;
    const budget = createRequestBudget(10, () => now);
    for (let i = 0; i < 10; i++) await budget.take();
    const next = budget.take();
    let done = false;
    void next.then(() => {
      done = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    now += 100;
    await next;
  });

  it('a 429 halves the rate and pauses for Retry-After; answers win the rate back', () => {
    const budget = createRequestBudget(8);
    budget.throttled(1000);
    expect(budget.rate).toBe(4);
    budget.throttled(undefined);
    expect(budget.rate).toBe(2);
    for (let i = 0; i < 100; i++) budget.answered();
    expect(budget.rate).toBe(8);
    expect(() => createRequestBudget(0)).toThrow(RangeError);
  });
});
