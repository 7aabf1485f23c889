import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constantTimeEqual, handleA2EWebhook, type A2EWebhookEvent } from '../../src/index.js';
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
  const server = createServer(nodeHandler(async (request) => {
    const result = await handleA2EWebhook(request, { token: SECRET, client });
    if (result.ok && !processed.has(result.event.key)) {
      processed.add(result.event.key);
      events.push(result.event);
      if (result.event.family) records.push(await result.event.fetchRecord());
    }
    return result.response;
  }));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/a2e`;
  closeReceiver = () => server.close();
});
afterAll(async () => { closeReceiver(); await a2e.close(); });

const deliver = (url: string, body: string, token?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token !== undefined && { 'x-a2e-webhook-token': token }) }, body });

describe('webhooks', () => {
  it('a job start with `webhook` sends webhook_url (tagged with the job family) and webhook_token', async () => {
    a2e.reply({ body: { code: 0, data: { _id: 'job1', current_status: 'initialized' } } });
    await testClient(a2e.url).dubbing.startDubbing({ source_url: 'https://x/a.mp3', webhook: { url: receiverUrl, token: SECRET } });
    expect(JSON.parse(a2e.requests[0]!.body)).toEqual({ source_url: 'https://x/a.mp3', webhook_url: `${receiverUrl}?a2e_family=dubbing`, webhook_token: SECRET });
  });

  it('accepts a delivery with the right token, reads the event, and re-reads the record through the client', async () => {
    a2e.reply({ body: { code: 0, data: { _id: 'job1', current_status: 'completed', result_url: 'https://cdn/x.mp3' } } });
    const r = await deliver(`${receiverUrl}?a2e_family=dubbing`, JSON.stringify({ event: 'task.completed', data: { _id: 'job1', current_status: 'completed' } }), SECRET);
    expect(r.status).toBe(200);
    expect(events.at(-1)).toMatchObject({ type: 'task.completed', family: 'dubbing', id: 'job1', status: 'completed', key: 'dubbing:job1:task.completed' });
    expect(records.at(-1)).toMatchObject({ result_url: 'https://cdn/x.mp3' });
    expect(a2e.requests.map((q) => q.url)).toEqual(['/api/v1/userDubbing/job1']);
  });

  it('answers 401 and processes nothing for a wrong or a missing token', async () => {
    const before = events.length;
    expect((await deliver(`${receiverUrl}?a2e_family=dubbing`, '{"_id":"job2","current_status":"failed"}', 'whsec_wrong')).status).toBe(401);
    expect((await deliver(`${receiverUrl}?a2e_family=dubbing`, '{"_id":"job2","current_status":"failed"}')).status).toBe(401);
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
    expect(events.at(-1)).toMatchObject({ payload: 'something A2E never documented', family: undefined, id: undefined });
    expect(events.at(-1)!.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('compares tokens without an early exit, and equal only when equal', () => {
    expect(constantTimeEqual(SECRET, SECRET)).toBe(true);
    for (const other of ['', 'w', SECRET.slice(0, -1), `${SECRET}x`, SECRET.replace('4', '5')]) expect(constantTimeEqual(other, SECRET)).toBe(false);
  });
});
