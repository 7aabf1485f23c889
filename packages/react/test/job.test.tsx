// useA2EJob against Prism: a status operation answers its `processing`, `completed` or `failed` example
// as the test asks (Prefer header), so a job can be walked to each end.
import { jobs, JobFailedError, NotFoundError, type JobRecord } from '@a2e-sdk/client';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useA2EJob } from '../src/index.js';
import { prismClient, providerFor, type Sent } from './helpers.js';

const ID = '66ea4dd87db10c73fa29b570';
const FAST = { intervalMs: 20, backoffFactor: 2, maxIntervalMs: 80, tickMs: 0 };
const isStatusRead = (s: Sent) => s.method === 'GET' && s.path === `/api/v1/userDubbing/${ID}`;
/** Prism's `processing` example for the first `n` reads of the job, then `end` (default: its first example, `completed`). */
const progress = (n: number, end?: string) => (s: Sent, before: number) =>
  isStatusRead(s) ? (before < n ? 'example=processing' : end) : undefined;

describe('useA2EJob', () => {
  it('polls through processing to completed, then stops', async () => {
    const { client, sent } = prismClient(progress(2));
    const { result } = renderHook(() => useA2EJob('dubbing', ID, FAST), providerFor(client));
    expect(result.current.phase).toBe('polling');
    await waitFor(() => expect(result.current.phase).toBe('success'));
    const state = result.current;
    expect(jobs.dubbing.success).toContain(state.status);
    expect(state.status).toBe('completed');
    expect((state.record as JobRecord<'dubbing'>).result_url).toMatch(/^https:/);
    expect(state.polls).toBe(3);
    expect(state.error).toBeUndefined();
    expect(state.isPolling).toBe(false);
    expect(state.elapsedMs).toBeGreaterThanOrEqual(20 + 40); // two waits, the second one backed off
    await new Promise((ok) => setTimeout(ok, 150));
    expect(sent.filter(isStatusRead)).toHaveLength(3);
  });

  it("ends in error with the client's JobFailedError on a failure status", async () => {
    const { client, sent } = prismClient(progress(1, 'example=failed'));
    const { result } = renderHook(() => useA2EJob('dubbing', ID, FAST), providerFor(client));
    await waitFor(() => expect(result.current.phase).toBe('error'));
    expect(result.current.status).toBe('failed');
    expect(jobs.dubbing.failure).toContain(result.current.status);
    expect(result.current.error).toBeInstanceOf(JobFailedError);
    expect((result.current.error as JobFailedError).status).toBe('failed');
    await new Promise((ok) => setTimeout(ok, 150));
    expect(sent.filter(isStatusRead)).toHaveLength(2);
  });

  it('stops polling on unmount', async () => {
    const { client, sent } = prismClient(progress(Number.POSITIVE_INFINITY));
    const { result, unmount } = renderHook(() => useA2EJob('dubbing', ID, FAST), providerFor(client));
    await waitFor(() => expect(result.current.polls).toBeGreaterThanOrEqual(2));
    unmount();
    const reads = sent.filter(isStatusRead).length;
    await new Promise((ok) => setTimeout(ok, 300)); // several intervals
    expect(sent.filter(isStatusRead)).toHaveLength(reads);
  });

  it('stays idle without an id, and starts when one arrives', async () => {
    const { client, sent } = prismClient();
    const { result, rerender } = renderHook(({ id }: { id?: string }) => useA2EJob('dubbing', id, FAST), {
      ...providerFor(client),
      initialProps: {},
    });
    expect(result.current.phase).toBe('idle');
    await new Promise((ok) => setTimeout(ok, 50));
    expect(sent).toEqual([]);
    rerender({ id: ID });
    await waitFor(() => expect(result.current.phase).toBe('success'));
  });

  it('ends in error when the status call fails, without polling on', async () => {
    const { client, sent } = prismClient(progress(1, 'code=404'));
    const { result } = renderHook(() => useA2EJob('dubbing', ID, FAST), providerFor(client));
    await waitFor(() => expect(result.current.phase).toBe('error'));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.status).toBe('processing'); // the last status read
    await new Promise((ok) => setTimeout(ok, 150));
    expect(sent.filter(isStatusRead)).toHaveLength(2);
  });
});
