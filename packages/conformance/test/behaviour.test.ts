// The behaviour cases every port must pass, replayed against their scripted loopback server.
import { describe, expect, it } from 'vitest';
import { mismatches, runBehaviour } from '../src/behaviour.js';
import { behaviourCases } from '../src/vectors.js';

const cases = behaviourCases();

describe('behaviour cases', () => {
  it.each(cases.map((c) => [c.file, c.vector]))('%s', async (_, c) => {
    expect(mismatches(await runBehaviour(c), c.expect)).toEqual([]);
  });

  it('a wrong expectation is reported, not passed', async () => {
    const c = cases.find((x) => x.file.endsWith('no-replay-5xx-job-start.json'))!.vector;
    const out = await runBehaviour(c);
    expect(mismatches(out, { ...c.expect, requests: 2 })).toEqual(['1 requests, expected 2']);
    expect(mismatches(out, { ...c.expect, error: { type: 'RateLimitError' } })).toEqual([
      'error InternalServerError, expected RateLimitError',
    ]);
    expect(mismatches(out, { data: {} })).toHaveLength(2);
  });
});
