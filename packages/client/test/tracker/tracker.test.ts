// The job tracker behind every waiter, against a loopback stand-in that answers batch, list and detail
// calls: coalescing per family, every batch answer shape, the fallback, the interval wish, one budget
// and 429s, and status reading that cannot hang.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobStatusUnknownError, type LogEvent } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startJobStandIn, type JobStandIn } from '../helpers/job-stand-in.js';

let stand: JobStandIn;
beforeAll(async () => {
  stand = await startJobStandIn();
});
afterAll(() => stand.close());
beforeEach(() => {
  stand.reset();
  stand.shape = {};
});

const fast = { intervalMs: 20, backoffFactor: 1, timeoutMs: 10_000 };
const ids = (n: number, prefix = 'j') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('job tracker', () => {
  it('reads every job of a family with batch calls of at most 200 ids, matched by _id', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    const doneAt = Date.now() + 150;
    for (const id of ids(250)) stand.add('textToImage', id, doneAt);
    const records = await Promise.all(ids(250).map((id) => a2e.waitFor.textToImage(id, fast)));
    // The stand-in answers in reverse order: each record is still its own job's.
    records.forEach((r, i) => expect(r).toMatchObject({ _id: `j${i}`, result_url: `https://cdn.example/j${i}.mp4` }));
    expect(stand.counts.detail).toBe(0);
    expect(Math.max(...stand.counts.idsPerBatch)).toBe(200);
    expect(stand.counts.batch).toBeLessThan(40);
    expect(await a2e.tracker.stats()).toMatchObject({ detail: 0 });
  });

  it.each(['array', 'rows', 'list', 'keyed'] as const)('reads a batch answer given as %s', async (shape) => {
    stand.shape.textToImage = shape;
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    for (const id of ids(3)) stand.add('textToImage', id, Date.now() + 40);
    await expect(Promise.all(ids(3).map((id) => a2e.waitFor.textToImage(id, fast)))).resolves.toHaveLength(3);
    expect(stand.counts.batch).toBeGreaterThan(0);
    expect(stand.counts.detail).toBe(0);
  });

  it('falls back to detail calls, with a log event, when a batch answer cannot be read', async () => {
    stand.shape.textToImage = 'unreadable';
    const events: LogEvent[] = [];
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 }, logger: (e) => events.push(e) });
    for (const id of ids(3)) stand.add('textToImage', id, Date.now() + 40);
    await Promise.all(ids(3).map((id) => a2e.waitFor.textToImage(id, fast)));
    expect(stand.counts.detail).toBeGreaterThanOrEqual(3);
    expect(
      events.some((e) => e.type === 'tracker' && e.event === 'batch-unreadable' && e.family === 'textToImage'),
    ).toBe(true);
  });

  it('reads a family without a batch call through its list, page by page', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    for (const id of ids(150)) stand.add('dubbing', id, Date.now() + 60);
    await Promise.all(ids(150).map((id) => a2e.waitFor.dubbing(id, fast)));
    expect(stand.counts.detail).toBe(0);
    expect(stand.counts.list).toBeGreaterThan(0);
    expect(stand.counts.list).toBeLessThan(60);
  });

  it('reads a family whose status call is its list with one page for all its jobs', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    for (const id of ids(20)) stand.add('seedance15ProVideo', id, Date.now() + 60);
    await Promise.all(ids(20).map((id) => a2e.waitFor.seedance15ProVideo(id, fast)));
    // A list call per job and round would be 20 a round; one page serves all 20.
    expect(stand.counts.list).toBeLessThan(20);
  });

  it('reads a lone job with its detail call (the documented answer)', async () => {
    const a2e = testClient(stand.url);
    stand.add('textToImage', 'solo', Date.now() + 30);
    await a2e.waitFor.textToImage('solo', fast);
    expect(stand.counts).toMatchObject({ batch: 0, list: 0 });
    expect(stand.counts.detail).toBeGreaterThan(0);
  });

  it('reads a family at the shortest interval any of its waiters wishes', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    stand.add('talkingPhoto', 'slow', Date.now() + 400);
    stand.add('talkingPhoto', 'quick', Date.now() + 400);
    await Promise.all([
      a2e.waitFor.talkingPhoto('slow', { intervalMs: 60_000, timeoutMs: 5000 }),
      a2e.waitFor.talkingPhoto('quick', { intervalMs: 50, backoffFactor: 1, timeoutMs: 5000 }),
    ]);
    // A 60-second waiter alone would be read twice in a minute; it resolved with the quick one's rounds.
    expect(stand.counts.batch).toBeGreaterThanOrEqual(4);
  });

  it('holds one request budget for every family together', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 10 } });
    // voiceCloneTraining has neither batch nor list: one detail call per job, all within the budget.
    for (const id of ids(30)) stand.add('voiceCloneTraining', id, Date.now() + 60_000);
    const waits = ids(30).map((id) => a2e.waitFor.voiceCloneTraining(id, { ...fast, timeoutMs: 1500 }).catch(() => {}));
    await Promise.all(waits);
    // 1.5 s at 10/s plus the one-second burst: never the 30 × 75 a poller per job would send.
    expect(stand.counts.detail).toBeLessThanOrEqual(10 + 15 + 2);
  });

  it('a 429 pauses every family for Retry-After, then every waiter still resolves', async () => {
    const a2e = testClient(stand.url, { tracker: { requestsPerSecond: 1000 } });
    for (const id of ids(4)) {
      stand.add('textToImage', id, Date.now() + 100);
      stand.add('upscale', id, Date.now() + 100);
    }
    stand.throttle(2, 1);
    const started = Date.now();
    await Promise.all(ids(4).flatMap((id) => [a2e.waitFor.textToImage(id, fast), a2e.waitFor.upscale(id, fast)]));
    expect(stand.counts.throttled).toBe(2);
    const first429 = stand.log[0]!.at;
    const after = stand.log.slice(2).map((l) => l.at - first429);
    // Nothing at all, for either family, within the second the server asked for.
    expect(Math.min(...after)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await a2e.tracker.stats()).throttled).toBe(2);
  });

  it('reports a status the spec does not list and ends the wait with JobStatusUnknownError', async () => {
    const seen: (string | undefined)[] = [];
    const a2e = testClient(stand.url);
    stand.add('textToImage', 'odd', Date.now() + 60_000);
    stand.setStatus('textToImage', 'odd', 'archived');
    const e = await a2e.waitFor
      .textToImage('odd', { ...fast, maxUnknownPolls: 3, onUnknownStatus: (s) => seen.push(s) })
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobStatusUnknownError);
    expect(e).toMatchObject({
      family: 'textToImage',
      jobId: 'odd',
      status: 'archived',
      polls: 3,
      job: { _id: 'odd', current_status: 'archived' },
    });
    expect(seen).toEqual(['archived', 'archived', 'archived']);
  });

  it('treats a record with no status field as unknown too, and a known pending value as no cause for alarm', async () => {
    const a2e = testClient(stand.url, { tracker: { maxUnknownPolls: 2 } });
    stand.add('upscale', 'bare', Date.now() + 60_000);
    stand.setStatus('upscale', 'bare', undefined);
    await expect(a2e.waitFor.upscale('bare', fast)).rejects.toMatchObject({
      name: 'JobStatusUnknownError',
      status: undefined,
    });
    stand.add('upscale', 'slow', Date.now() + 60_000);
    await expect(a2e.waitFor.upscale('slow', { ...fast, timeoutMs: 200 })).rejects.toMatchObject({
      name: 'JobTimedOutError',
    });
  });
});
