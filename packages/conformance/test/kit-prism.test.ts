// The bin against Prism serving our spec: every operation exercised (reads by default, all with writes
// confirmed), reports written and valid, filters, and the key in no output.
import { describe, expect, inject, it } from 'vitest';
import { loadVectors } from '../src/kit/load.js';
import { CANARY, parseJUnit, runBin } from './kit-helpers.js';

const url = inject('prismUrl');
const host = new URL(url).host;
const vectors = loadVectors();
const reads = vectors.filter((v) => v.kind === 'read');

describe('a2e-conformance against Prism', () => {
  it('reads only by default: every read exercised, writes skipped, no drift, exit 0', async () => {
    const r = await runBin(['--base-url', url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`operations exercised: ${reads.length}/${vectors.length}`);
    expect(r.stdout).toMatch(/^drift: 0$/m);
    expect(r.json.write).toBe(false);
    expect(r.json.summary).toMatchObject({
      operations: vectors.length,
      exercised: reads.length,
      drift: 0,
      skipped: vectors.length - reads.length,
    });
    expect(r.json.operations.map((o: { operation: string }) => o.operation).sort()).toEqual(
      reads.map((v) => v.operation).sort(),
    );
    expect(r.json.cases.filter((c: { suite: string }) => c.suite === 'negative').length).toBeGreaterThan(150);
    const junit = parseJUnit(r.junit!);
    expect(Number(junit.tests)).toBe(r.json.cases.length);
    expect(Number(junit.failures)).toBe(0);
    const ops = junit.testsuite.find((s) => s.name === 'operations')!;
    expect(ops.testcase).toHaveLength(vectors.length);
    expect(Number(ops.skipped)).toBe(vectors.length - reads.length);
    expect(r.all).not.toContain(CANARY);
  });

  it('with writes confirmed and the prism job driver: every operation and every job flow, exit 0', async () => {
    const r = await runBin(['--base-url', url, '--allow-writes', '--confirm', host, '--job-driver', 'prism']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`operations exercised: ${vectors.length}/${vectors.length}`);
    const families = vectors.filter((v) => v.job && v.job.statusOperation === v.operation);
    expect(r.json.summary.jobFlows).toBe(families.length * 2);
    expect(
      r.json.cases.filter((c: { suite: string; outcome: string }) => c.suite === 'jobs' && c.outcome === 'passed'),
    ).toHaveLength(families.length * 2);
    const junit = parseJUnit(r.junit!);
    expect(junit.testsuite.map((s) => s.name)).toEqual(['operations', 'negative', 'jobs']);
    expect(Number(junit.failures)).toBe(0);
    expect(Number(junit.skipped)).toBe(0);
    expect(r.all).not.toContain(CANARY);
  });

  it('--tags and --operations select what runs', async () => {
    const tagged = await runBin(['--base-url', url, '--tags', 'dubbing', '--no-negatives'], { reports: true });
    const dubbing = vectors.filter((v) => v.tag === 'dubbing');
    expect(tagged.code).toBe(0);
    expect(tagged.json.cases.map((c: { operation: string }) => c.operation).sort()).toEqual(
      dubbing.map((v) => v.operation).sort(),
    );
    const one = await runBin(['--base-url', url, '--operations', 'getDubbing,listLanguages']);
    expect(one.stdout).toContain('operations exercised: 2/2');
    expect([...new Set(one.json.cases.map((c: { operation: string }) => c.operation))].sort()).toEqual([
      'getDubbing',
      'listLanguages',
    ]);
  });
});
