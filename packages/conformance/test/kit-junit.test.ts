// toJUnit on its own: text a server controls (drift details) cannot break the XML, and the counts add up.
import { describe, expect, it } from 'vitest';
import { toJUnit, type ConformanceReport } from '../src/index.js';
import { parseJUnit } from './kit-helpers.js';

const hostile = 'at /data/<b>&"it\'s"</b>\u0001\u001b[31m\uD800 end';
const report: ConformanceReport = {
  baseUrl: 'http://127.0.0.1:1',
  date: '2026-01-01T00:00:00.000Z',
  write: false,
  jobDriver: null,
  summary: { operations: 2, exercised: 1, drift: 1, skipped: 1, negatives: 1, jobFlows: 0 },
  operations: [{ operation: 'getDubbing', status: 200, drift: 1 }],
  drift: [{ operation: 'getDubbing', kind: 'schema', at: '/data', detail: hostile }],
  cases: [
    {
      suite: 'operations',
      name: 'getDubbing',
      operation: 'getDubbing',
      tag: 'dubbing',
      outcome: 'drift',
      status: 200,
      ms: 12,
      detail: hostile,
    },
    {
      suite: 'operations',
      name: 'startDubbing',
      operation: 'startDubbing',
      tag: 'dubbing',
      outcome: 'skipped',
      status: null,
      ms: 0,
      detail: 'paid: runs only with --allow-writes',
    },
    {
      suite: 'negative',
      name: 'getDubbing without a token is refused',
      operation: 'getDubbing',
      tag: 'dubbing',
      outcome: 'passed',
      status: 401,
      ms: 3,
    },
  ],
};

describe('toJUnit', () => {
  it('escapes what a server sent and counts failures and skips per suite', () => {
    const junit = parseJUnit(toJUnit(report));
    expect([junit.tests, junit.failures, junit.skipped]).toEqual(['3', '1', '1']);
    const [ops, negative] = junit.testsuite;
    expect(ops!.name).toBe('operations');
    expect([ops!.tests, ops!.failures, ops!.skipped]).toEqual(['2', '1', '1']);
    expect(negative!.testcase[0]!.classname).toBe('a2e.negative.dubbing');
    const failure = ops!.testcase[0]!.failure as { '#text': string; message: string };
    // The parser decodes entities: the text comes back as sent, except characters XML cannot carry.
    expect(failure['#text']).toBe('at /data/<b>&"it\'s"</b>\uFFFD\uFFFD[31m\uFFFD end');
    expect(failure.message).toBe(failure['#text']);
  });
});
