// Every job family of the spec, start → poll → terminal, through the client's waiters against Prism.
// Prism serves a status operation's named examples when asked (`Prefer: example=processing`), so a
// fetch wrapper walks each job through in-progress to completed, or to failed.
import { describe, expect, it } from 'vitest';
import { JobFailedError, jobs, type JobFamily, type OperationId } from '@a2e-sdk/client';
import { jobFamilies } from '@a2e-sdk/client/operations';
import { operationVectors, type OperationVector } from '../src/vectors.js';
import { inputOf, mockClient } from './helpers.js';

const byOperation = new Map(operationVectors().map((v) => [v.vector.operation, v.vector]));
const families = Object.keys(jobs) as JobFamily[];
const startOf = (family: JobFamily): OperationVector | undefined =>
  [...byOperation.values()].find((v) => v.kind === 'paid' && family === familyOfStart(v.operation));
const familyOfStart = (op: string) =>
  (Object.entries(jobFamilies) as [string, { startOperations: readonly string[] }][]).find(([, f]) =>
    f.startOperations.includes(op),
  )?.[0];

/** A client whose status polls get the given example names in turn (the last one repeats). */
function scripted(family: JobFamily, states: string[]) {
  const statusPath = byOperation.get(jobs[family].statusOperation)!.request.path.replace(/\{[^}]+\}/g, '[^/]+');
  const seen: string[] = [];
  const client = mockClient({
    fetch: (url, init) => {
      const path = new URL(String(url)).pathname;
      const isPoll =
        new RegExp(`^${statusPath}$`).test(path) &&
        init?.method === byOperation.get(jobs[family].statusOperation)!.request.method;
      if (!isPoll) return fetch(url, init);
      const state = states.length > 1 ? states.shift()! : states[0]!;
      seen.push(state);
      return fetch(url, {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), prefer: `example=${state}` },
      });
    },
  });
  return { client, seen };
}

describe.each(families)('job family %s', (family) => {
  const start = startOf(family);

  it('is started by a job-start operation and polled by its status operation', () => {
    expect(start, `no start operation for ${family}`).toBeDefined();
    expect(byOperation.get(jobs[family].statusOperation)?.negative.jobStates).toEqual(
      expect.arrayContaining(['completed', 'processing', 'failed']),
    );
  });

  it('start → in progress → completed', async () => {
    const { client, seen } = scripted(family, ['processing', 'processing', 'completed']);
    const started = await client.call(start!.operation as OperationId, inputOf(start!) as never, {
      headers: start!.request.headers,
    });
    const id = client.jobIdOf(family, started.data)!;
    expect(id, 'the start example must carry the job id').toBeTypeOf('string');
    const progress: (string | undefined)[] = [];
    const record = await client.waitForJob(family, id, {
      intervalMs: 1,
      maxIntervalMs: 2,
      onProgress: (s) => progress.push(s),
    });
    expect(seen).toEqual(['processing', 'processing', 'completed']);
    expect(jobs[family].success).toContain(progress.at(-1));
    expect(progress.slice(0, 2).every((s) => !(jobs[family].success as readonly string[]).includes(s!))).toBe(true);
    expect(record).toBeTruthy();
  });

  it('start → failed ends in JobFailedError', async () => {
    const { client } = scripted(family, ['failed']);
    const started = await client.call(start!.operation as OperationId, inputOf(start!) as never, {
      headers: start!.request.headers,
    });
    const id = client.jobIdOf(family, started.data)!;
    expect(id, 'the start example must carry the job id').toBeTypeOf('string');
    const error = await client.waitForJob(family, id, { intervalMs: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(jobs[family].failure).toContain(error.status);
  });
});
