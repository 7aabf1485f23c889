import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIUserAbortError, JobFailedError, JobTimedOutError, jobs } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const dubbing = (current_status: string, extra: object = {}) => ({
  body: { code: 0, data: { _id: 'job1', current_status, ...extra } },
});
const fast = { intervalMs: 5, maxIntervalMs: 10 };

describe('job waiters', () => {
  it('polls the status operation until a success status and reports each poll', async () => {
    server.reply(
      dubbing('initialized'),
      dubbing('processing'),
      dubbing('completed', { result_url: 'https://cdn/x.mp3' }),
    );
    const seen: (string | undefined)[] = [];
    const job = await testClient(server.url).waitFor.dubbing('job1', { ...fast, onProgress: (s) => seen.push(s) });
    expect(job.result_url).toBe('https://cdn/x.mp3');
    expect(seen).toEqual(['initialized', 'processing', 'completed']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(Array(3).fill('GET /api/v1/userDubbing/job1'));
  });

  it('throws JobFailedError with the message, whichever spelling the server used', async () => {
    server.reply(dubbing('failed', { faild_message: 'audio too short' }));
    const e = await testClient(server.url)
      .waitFor.dubbing('job1', fast)
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.message).toContain('audio too short');
    expect(e.job).toMatchObject({ _id: 'job1' });
    server.reply(dubbing('failed', { failed_message: 'bad language' }));
    await expect(testClient(server.url).waitFor.dubbing('job1', fast)).rejects.toThrow('bad language');
  });

  it('gives up with JobTimedOutError after timeoutMs, carrying the last record', async () => {
    server.reply(dubbing('processing'));
    const e = await testClient(server.url)
      .waitFor.dubbing('job1', { ...fast, timeoutMs: 60 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobTimedOutError);
    expect(e.job).toMatchObject({ current_status: 'processing' });
    // A read already in flight when the wait gave up still lands: let it, so the next test counts only its own.
    await new Promise((r) => setTimeout(r, 100));
  });

  it('an abort ends the wait during a sleep, not at the next poll', async () => {
    server.reply(dubbing('processing'));
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(
      testClient(server.url).waitFor.dubbing('job1', { intervalMs: 30_000, signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(5000); // far below the 30 s sleep it interrupted
    expect(server.requests).toHaveLength(1);
  });

  it('avatar videos: POSTs the id in the body, reads status from the first element', async () => {
    server.reply(
      { body: { code: 0, data: [{ _id: 'v1', status: 'process' }] } },
      { body: { code: 0, data: [{ _id: 'v1', status: 'success', result: 'https://cdn/v.mp4' }] } },
    );
    const video = await testClient(server.url).waitFor.avatarVideo('v1', fast);
    expect(video.result).toBe('https://cdn/v.mp4');
    expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/api/v1/video/awsResult', body: '{"_id":"v1"}' });
  });

  it('a family without a detail call finds its job in the list', async () => {
    server.reply({
      body: {
        code: 0,
        data: [
          { _id: 'other', current_status: 'failed' },
          { _id: 's1', current_status: 'completed' },
        ],
      },
    });
    await expect(testClient(server.url).waitFor.seedance15ProVideo('s1', fast)).resolves.toMatchObject({ _id: 's1' });
    expect(jobs.seedance15ProVideo.idIn).toBe('list');
  });

  // The spec's x-a2e-job-status alternatives: shapes some clients see that the main vocabulary misses.
  const veo = (record: object) => ({ body: { code: 0, data: { _id: 'veo1', ...record } } });

  it('ends on an alternative status field (Veo `state`) and reads its result field', async () => {
    server.reply(veo({ state: 'running' }), veo({ state: 'success', video_output: 'https://cdn/veo.mp4' }));
    const seen: (string | undefined)[] = [];
    const client = testClient(server.url);
    const record = await client.waitFor.veoVideo('veo1', { ...fast, timeoutMs: 2000, onProgress: (s) => seen.push(s) });
    expect(seen).toEqual(['running', 'success']);
    expect(client.jobResultOf('veoVideo', record)).toBe('https://cdn/veo.mp4');
  });

  it('fails on an alternative failure value, with the alternative message field', async () => {
    server.reply(veo({ state: 'fail', fail_reason: 'prompt refused' }));
    const e = await testClient(server.url)
      .waitFor.veoVideo('veo1', { ...fast, timeoutMs: 2000 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.status).toBe('fail');
    expect(e.message).toContain('prompt refused');
  });

  it('the main status field still decides first, and results come from every declared field', async () => {
    server.reply({
      body: {
        code: 0,
        data: { _id: 'm1', current_status: 'completed', result_url: '', result_video_url: 'https://cdn/m.mp4' },
      },
    });
    const client = testClient(server.url);
    const record = await client.waitFor.motionTransfer('m1', fast);
    expect(client.jobResultOf('motionTransfer', record)).toBe('https://cdn/m.mp4');
    expect(client.jobResultOf('dubbing', { result_url: 'https://cdn/d.mp3' })).toBe('https://cdn/d.mp3');
    expect(client.jobResultOf('gptImage', [{ image_urls: ['https://cdn/1.png'] }])).toEqual(['https://cdn/1.png']);
    expect(client.jobResultOf('dubbing', { result_url: '' })).toBeUndefined();
  });

  it('every job family of the spec has a waiter', () => {
    expect(Object.keys(testClient(server.url).waitFor).sort()).toEqual(Object.keys(jobs).sort());
  });

  it('jobIdOf reads the id of a start answer, one record or several', () => {
    const client = testClient(server.url);
    expect(client.jobIdOf('dubbing', { _id: 'd1' })).toBe('d1');
    expect(client.jobIdOf('gptImage', [{ _id: 'g1' }, { _id: 'g2' }])).toBe('g1');
  });
});
