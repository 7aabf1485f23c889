import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantTimeEqual, handleA2EWebhook, WebhookError, type A2EWebhookEvent } from '../../src/index.js';
import { nodeHandler } from '../../src/node.js';
import { testClient } from '../helpers/client.js';

const SECRET = 'whsec_4b9c7e21';
let a2e: ScriptedServer;
let receiverUrl = '';
let closeReceiver = () => {};
const events: A2EWebhookEvent[] = [];
const processed = new Set<string>();
const records: unknown[] = [];

beforeAll(async () => {
  a2e = await startScriptedServer();
  const client = testClient(a2e.url);
  // The receiver a user would write: Node http through the adapter, each event processed once.
  const server = createServer(
    nodeHandler(async (request) => {
      const result = await handleA2EWebhook(request, { token: SECRET, client });
      if (result.ok && !processed.has(result.event.key)) {
        processed.add(result.event.key);
        events.push(result.event);
        if (result.event.family) records.push(await result.event.fetchRecord());
      }
      return result.response;
    }),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/a2e`;
  closeReceiver = () => server.close();
});
afterAll(async () => {
  closeReceiver();
  await a2e.close();
});

const deliver = (url: string, body: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== undefined && { 'x-a2e-webhook-token': token }) },
    body,
  });

describe('webhooks', () => {
  it('a job start with `webhook` sends webhook_url (tagged with the job family) and webhook_token', async () => {
    a2e.reply({ body: { code: 0, data: { _id: 'job1', current_status: 'initialized' } } });
    await testClient(a2e.url).dubbing.startDubbing({
      source_url: 'https://x/a.mp3',
      webhook: { url: receiverUrl, token: SECRET },
    });
    expect(JSON.parse(a2e.requests[0]!.body)).toEqual({
      source_url: 'https://x/a.mp3',
      webhook_url: `${receiverUrl}?a2e_family=dubbing`,
      webhook_token: SECRET,
    });
  });

  it('accepts a delivery with the right token, reads the event, and re-reads the record through the client', async () => {
    a2e.reply({
      body: { code: 0, data: { _id: 'job1', current_status: 'completed', result_url: 'https://cdn/x.mp3' } },
    });
    const r = await deliver(
      `${receiverUrl}?a2e_family=dubbing`,
      JSON.stringify({ event: 'task.completed', data: { _id: 'job1', current_status: 'completed' } }),
      SECRET,
    );
    expect(r.status).toBe(200);
    expect(events.at(-1)).toMatchObject({
      type: 'task.completed',
      family: 'dubbing',
      id: 'job1',
      status: 'completed',
      key: 'dubbing:job1:task.completed',
    });
    expect(records.at(-1)).toMatchObject({ result_url: 'https://cdn/x.mp3' });
    expect(a2e.requests.map((q) => q.url)).toEqual(['/api/v1/userDubbing/job1']);
  });

  it('answers 401 and processes nothing for a wrong or a missing token', async () => {
    const before = events.length;
    expect(
      (await deliver(`${receiverUrl}?a2e_family=dubbing`, '{"_id":"job2","current_status":"failed"}', 'whsec_wrong'))
        .status,
    ).toBe(401);
    expect(
      (await deliver(`${receiverUrl}?a2e_family=dubbing`, '{"_id":"job2","current_status":"failed"}')).status,
    ).toBe(401);
    expect(events.length).toBe(before);
  });

  it('recognises a repeated delivery by its key', async () => {
    a2e.reply({ body: { code: 0, data: { _id: 'job3', current_status: 'failed' } } });
    const body = JSON.stringify({ _id: 'job3', current_status: 'failed', faild_message: 'x' });
    await deliver(`${receiverUrl}?a2e_family=dubbing`, body, SECRET);
    await deliver(`${receiverUrl}?a2e_family=dubbing`, body, SECRET);
    expect(events.filter((e) => e.id === 'job3')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'task.failed', status: 'failed' });
  });

  it('keeps a payload of unknown shape instead of rejecting it', async () => {
    const r = await deliver(receiverUrl, 'something A2E never documented', SECRET);
    expect(r.status).toBe(200);
    expect(events.at(-1)).toMatchObject({
      payload: 'something A2E never documented',
      family: undefined,
      id: undefined,
    });
    expect(events.at(-1)!.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('compares tokens without an early exit, and equal only when equal', () => {
    expect(constantTimeEqual(SECRET, SECRET)).toBe(true);
    for (const other of ['', 'w', SECRET.slice(0, -1), `${SECRET}x`, SECRET.replace('4', '5')])
      expect(constantTimeEqual(other, SECRET)).toBe(false);
  });

  it('a repeated token header is refused; the header name is matched in any case', async () => {
    const body = '{"_id":"job9","current_status":"completed"}';
    const repeated = new Headers([
      ['x-a2e-webhook-token', SECRET],
      ['x-a2e-webhook-token', SECRET],
    ]);
    const twice = await handleA2EWebhook(new Request(receiverUrl, { method: 'POST', headers: repeated, body }), {
      token: SECRET,
    });
    expect(twice).toMatchObject({ ok: false, reason: 'unauthorized' });
    const upper = await handleA2EWebhook(
      new Request(receiverUrl, { method: 'POST', headers: { 'X-A2E-WEBHOOK-TOKEN': SECRET }, body }),
      { token: SECRET },
    );
    expect(upper.ok).toBe(true);
  });
});

const post = (body: BodyInit, query = '', headers: Record<string, string> = {}) =>
  new Request(`https://my.app/hooks/a2e${query}`, {
    method: 'POST',
    headers: { 'x-a2e-webhook-token': SECRET, ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

/** A body made only when pulled, in 64 KiB chunks: records how much was pulled and whether it was cancelled. */
function countedBody(totalBytes: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= totalBytes) return controller.close();
        seen.pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

describe('webhook receiver limits and hostile input', () => {
  it('stops reading a body past maxBodyBytes (default 1 MiB), cancels it and answers 413', async () => {
    const { stream, seen } = countedBody(100 * 2 ** 20);
    const result = await handleA2EWebhook(post(stream), { token: SECRET });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    expect(result.response.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(2 ** 20 + 2 * 64 * 1024);
  });

  it('honours a smaller maxBodyBytes, and takes a body of exactly the limit', async () => {
    const { stream, seen } = countedBody(256 * 1024);
    expect(await handleA2EWebhook(post(stream), { token: SECRET, maxBodyBytes: 100_000 })).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
    expect(seen.pulled).toBeLessThanOrEqual(100_000 + 2 * 64 * 1024);
    const exact = await handleA2EWebhook(post('x'.repeat(100_000)), { token: SECRET, maxBodyBytes: 100_000 });
    expect(exact.ok).toBe(true);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-1', -1],
    ['a string', '1e6'],
  ])('a maxBodyBytes of %s is a WebhookError, not no limit', async (_, maxBodyBytes) => {
    const e = await handleA2EWebhook(post('{}'), { token: SECRET, maxBodyBytes: maxBodyBytes as number }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(WebhookError);
    expect((e as WebhookError).reason).toBe('invalid-option');
  });

  it('refuses a Content-Length over the limit before reading a byte', async () => {
    const { stream, seen } = countedBody(4 * 2 ** 20);
    const result = await handleA2EWebhook(post(stream, '', { 'content-length': String(4 * 2 ** 20) }), {
      token: SECRET,
    });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    expect(seen.pulled).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('a body with a wrong token is not read at all', async () => {
    const { stream, seen } = countedBody(4 * 2 ** 20);
    expect(
      await handleA2EWebhook(post(stream, '', { 'x-a2e-webhook-token': 'nope' }), { token: SECRET }),
    ).toMatchObject({ reason: 'unauthorized' });
    expect(seen.pulled).toBe(0);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'a2e_family=%s is no family, not a crash',
    async (name) => {
      const result = await handleA2EWebhook(post('{"_id":"j1","current_status":"completed"}', `?a2e_family=${name}`), {
        token: SECRET,
      });
      expect(result).toMatchObject({ ok: true, event: { family: undefined, id: 'j1', status: 'completed' } });
    },
  );

  it.each([
    ['an object', { a: 1 }, { b: 2 }],
    ['an array', [1], [2]],
    ['a boolean', true, false],
  ])('a job id that is %s is no id, and two such events keep different keys', async (_, first, second) => {
    const one = await handleA2EWebhook(
      post(JSON.stringify({ _id: first, current_status: 'completed' }), '?a2e_family=dubbing'),
      { token: SECRET },
    );
    const two = await handleA2EWebhook(
      post(JSON.stringify({ _id: second, current_status: 'completed' }), '?a2e_family=dubbing'),
      { token: SECRET },
    );
    if (!one.ok || !two.ok) throw new Error('expected both deliveries to be accepted');
    expect([one.event.id, two.event.id]).toEqual([undefined, undefined]);
    expect(one.event.key).not.toBe(two.event.key);
    expect(one.event.key).not.toContain('[object');
  });

  it('a numeric job id is kept as its digits; an id with a colon cannot imitate another key', async () => {
    const n = await handleA2EWebhook(post('{"_id":123,"current_status":"completed"}', '?a2e_family=dubbing'), {
      token: SECRET,
    });
    expect(n).toMatchObject({ ok: true, event: { id: '123', key: 'dubbing:123:task.completed' } });
    const a = await handleA2EWebhook(post('{"_id":"a:b","event":"c"}'), { token: SECRET });
    const b = await handleA2EWebhook(post('{"_id":"a","event":"b:c"}'), { token: SECRET });
    if (!a.ok || !b.ok) throw new Error('expected both deliveries to be accepted');
    expect(a.event.key).not.toBe(b.event.key);
  });

  it('status and type fields that are not strings are ignored, not a crash', async () => {
    const body = JSON.stringify({
      _id: 'j2',
      event: { name: 'x' },
      type: 7,
      current_status: { s: 'completed' },
      status: ['failed'],
    });
    const result = await handleA2EWebhook(post(body, '?a2e_family=dubbing'), { token: SECRET });
    expect(result).toMatchObject({ ok: true, event: { id: 'j2', type: undefined, status: undefined } });
  });

  it.each([
    ['an array', '[{"_id":"j"}]'],
    ['a number', '42'],
    ['a string', '"done"'],
    ['null', 'null'],
    ['empty', ''],
  ])('a JSON body that is %s is kept as it came, with no id', async (_, body) => {
    const result = await handleA2EWebhook(post(body, '?a2e_family=dubbing'), { token: SECRET });
    expect(result).toMatchObject({ ok: true, event: { id: undefined, family: 'dubbing' } });
    if (result.ok) expect(result.event.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('a body that is not UTF-8 is refused with 400 and processed no further', async () => {
    const result = await handleA2EWebhook(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), { token: SECRET });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-body' });
    expect(result.response.status).toBe(400);
  });

  it('fetchRecord without a job id, a family or a client is a WebhookError saying which', async () => {
    const client = testClient(a2e.url);
    const noId = await handleA2EWebhook(post('{"current_status":"completed"}', '?a2e_family=dubbing'), {
      token: SECRET,
      client,
    });
    const noFamily = await handleA2EWebhook(post('{"_id":"j3"}'), { token: SECRET, client });
    const noClient = await handleA2EWebhook(post('{"_id":"j3"}', '?a2e_family=dubbing'), { token: SECRET });
    if (!noId.ok || !noFamily.ok || !noClient.ok) throw new Error('expected the deliveries to be accepted');
    for (const [event, reason] of [
      [noId.event, 'no-id'],
      [noFamily.event, 'no-family'],
      [noClient.event, 'no-client'],
    ] as const) {
      const e = (await event.fetchRecord().catch((x: unknown) => x)) as WebhookError;
      expect(e).toBeInstanceOf(WebhookError);
      expect(e.reason).toBe(reason);
    }
  });

  it('compares tokens of every length correctly', () => {
    for (const [a, b, equal] of [
      ['', '', true],
      ['a', 'a\0', false],
      ['a\0', 'a', false],
      ['ab', 'abab', false],
      ['abab', 'ab', false],
      ['', 'x', false],
    ] as const) {
      expect(constantTimeEqual(a, b)).toBe(equal);
    }
  });
});

describe('nodeHandler with a body it does not read whole', () => {
  /** POSTs a body of up to `totalBytes`, made only as the socket takes it; resolves with the status and how much was made. */
  const sendLarge = (url: string, token: string, totalBytes: number) =>
    new Promise<{ status: number; made: number; connection: string | undefined }>((ok, ko) => {
      let made = 0;
      let status = 0;
      let connection: string | undefined;
      const body = new Readable({
        read() {
          if (made >= totalBytes) return this.push(null);
          made += 64 * 1024;
          this.push(Buffer.alloc(64 * 1024, 0x20));
        },
      });
      const req = httpRequest(url, { method: 'POST', headers: { 'x-a2e-webhook-token': token } }, (res) => {
        status = res.statusCode!;
        connection = res.headers.connection;
        res.resume();
      });
      // Done when the connection is gone: the server must close it, not read on.
      req.on('close', () => ok({ status, made, connection }));
      req.on('error', () => {});
      body.on('error', ko);
      body.pipe(req);
    });

  it('answers 413 for an oversized body, reads no further and closes the connection', async () => {
    const { status, made, connection } = await sendLarge(`${receiverUrl}?a2e_family=dubbing`, SECRET, 256 * 2 ** 20);
    expect({ status, connection }).toEqual({ status: 413, connection: 'close' });
    expect(made).toBeLessThan(64 * 2 ** 20);
  }, 30_000);

  it('answers 401 for a wrong token and closes the connection instead of reading the body', async () => {
    const { status, made, connection } = await sendLarge(receiverUrl, 'whsec_wrong', 256 * 2 ** 20);
    expect({ status, connection }).toEqual({ status: 401, connection: 'close' });
    expect(made).toBeLessThan(64 * 2 ** 20);
  }, 30_000);
});
