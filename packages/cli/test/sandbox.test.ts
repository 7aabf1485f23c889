// The sandbox on its own, driven by the client: a whole job flow ending in a webhook delivered to a
// loopback receiver, request checks, the request log, seeded repeatability, control routes, uploads.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError, createA2EClient, JobFailedError } from '@a2e-sdk/client';
import { startSandbox, type Sandbox } from '../src/sandbox/index.ts';

const KEY = 'sk_sandbox_test_key_0001';
let sandbox: Sandbox;
const received: { headers: IncomingHttpHeaders; body: any }[] = [];
const receiver = createServer((req, res) => {
  let text = '';
  req
    .on('data', (c) => (text += c))
    .on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(204).end();
    });
});
let hook: string;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  sandbox = await startSandbox({ port: 0, jobDurationMs: 600, seed: 42 });
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const client = () => createA2EClient({ apiKey: KEY, baseUrl: sandbox.url, maxRetries: 0 });

describe('a whole job flow', () => {
  it('start → pending statuses → completed, in detail and list calls, then the webhook with its token', async () => {
    const a2e = client();
    const { data } = await a2e.call('startDubbing', {
      source_url: 'https://example.com/a.wav',
      target_lang: 'de',
      webhook_url: hook,
      webhook_token: 'tok-123',
    } as never);
    const id = a2e.jobIdOf('dubbing', data)!;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const seen: string[] = [];
    const done = await a2e.waitForJob('dubbing', id, {
      intervalMs: 50,
      maxIntervalMs: 50,
      onProgress: (s) => {
        if (s && s !== seen.at(-1)) seen.push(s);
      },
    });
    expect(done).toMatchObject({ _id: id, current_status: 'completed', target_lang: 'de' });
    expect(seen[0]).toBe('initialized');
    expect(seen.at(-1)).toBe('completed');
    expect(typeof (done as { result_url: string }).result_url).toBe('string');
    const list = await a2e.call('listDubbings', {} as never);
    expect((list.data as { rows: { _id: string }[] }).rows.map((r) => r._id)).toContain(id);
    // The webhook is sent when the job ends; allow for delivery.
    for (let i = 0; i < 100 && !received.some((r) => r.body._id === id); i++)
      await new Promise((r) => setTimeout(r, 50));
    const delivery = received.find((r) => r.body._id === id)!;
    expect(delivery.headers['x-a2e-webhook-token']).toBe('tok-123');
    expect(delivery.body).toMatchObject({ sandbox: true, family: 'dubbing', status: 'completed', data: { _id: id } });
  });

  it('ends failed when the start asks for it, and the waiter throws JobFailedError', async () => {
    const a2e = createA2EClient({ apiKey: KEY, baseUrl: sandbox.url, headers: { 'x-a2e-sandbox-outcome': 'fail' } });
    const { data } = await a2e.call('startDubbing', { target_lang: 'de' } as never);
    await expect(
      a2e.waitForJob('dubbing', a2e.jobIdOf('dubbing', data)!, { intervalMs: 50, maxIntervalMs: 50 }),
    ).rejects.toBeInstanceOf(JobFailedError);
  });

  it('a job with no duration waits for the control route', async () => {
    const manual = await startSandbox({ port: 0, jobDurationMs: 0 });
    try {
      const a2e = createA2EClient({ apiKey: KEY, baseUrl: manual.url });
      const { data } = await a2e.call('startDubbing', { target_lang: 'de' } as never);
      const id = a2e.jobIdOf('dubbing', data)!;
      expect((await a2e.call('getDubbing', { _id: id } as never)).data).toMatchObject({
        current_status: 'initialized',
      });
      const ended = await fetch(`${manual.url}/__sandbox/jobs/${id}/fail`, { method: 'POST' }).then((r) => r.json());
      expect(ended).toMatchObject({ _id: id, current_status: 'failed' });
      expect((await a2e.call('getDubbing', { _id: id } as never)).data).toMatchObject({ current_status: 'failed' });
    } finally {
      await manual.close();
    }
  });
});

describe('requests', () => {
  it('refuses a body that breaks the spec, and a call without a key', async () => {
    await expect(client().call('startDubbing', { num_speakers: 'two' } as never)).rejects.toBeInstanceOf(
      BadRequestError,
    );
    const anonymous = await fetch(`${sandbox.url}/api/v1/userDubbing/allRecords`);
    expect(anonymous.status).toBe(401);
  });

  it('logs every request with the authorization masked, at GET /__sandbox/requests', async () => {
    await client().call('getRemainingCoins', {} as never);
    const log = (await fetch(`${sandbox.url}/__sandbox/requests`).then((r) => r.json())) as {
      operationId?: string;
      headers: Record<string, string>;
    }[];
    const last = log.filter((r) => r.operationId === 'getRemainingCoins').at(-1)!;
    expect(last.headers.authorization).toBe('Bearer ***');
    expect(JSON.stringify(log)).not.toContain(KEY);
  });

  it('gives the same job ids for the same seed', async () => {
    const ids = async () => {
      const s = await startSandbox({ port: 0, seed: 5, jobDurationMs: 0 });
      try {
        const a2e = createA2EClient({ apiKey: KEY, baseUrl: s.url });
        const out: string[] = [];
        for (let i = 0; i < 3; i++)
          out.push(a2e.jobIdOf('dubbing', (await a2e.call('startDubbing', { target_lang: 'de' } as never)).data)!);
        return out;
      } finally {
        await s.close();
      }
    };
    const first = await ids();
    expect(await ids()).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it('takes uploads through its own storage (the presigned-upload flow)', async () => {
    const a2e = client();
    const uploaded = await a2e.files.upload(new Blob(['clip bytes'], { type: 'video/mp4' }), { key: 'clip.mp4' });
    expect(uploaded.url.startsWith(sandbox.url)).toBe(true);
    expect(await fetch(uploaded.url).then((r) => r.text())).toBe('clip bytes');
  });
});
