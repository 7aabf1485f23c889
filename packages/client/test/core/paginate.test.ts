import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => { server = await startScriptedServer(); });
afterAll(() => server.close());

const page = (ids: string[], count: number) => ({ body: { code: 0, data: { rows: ids.map((_id) => ({ _id })), count } } });

describe('paginate', () => {
  it('walks every row across pages and stops at the total', async () => {
    server.reply(page(['a', 'b'], 5), page(['c', 'd'], 5), page(['e'], 5));
    const ids: string[] = [];
    for await (const row of testClient(server.url).paginate('listDubbings', { pageSize: 2 })) ids.push(row._id!);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/userDubbing/allRecords?pageSize=2&pageNum=1',
      '/api/v1/userDubbing/allRecords?pageSize=2&pageNum=2',
      '/api/v1/userDubbing/allRecords?pageSize=2&pageNum=3',
    ]);
  });

  it('stops on a short page when no total is known, and yields whole pages on request', async () => {
    server.reply(page(['a', 'b'], Number.NaN), page(['c'], Number.NaN));
    const pages = [];
    for await (const data of testClient(server.url).paginate('listDubbings', { pageSize: 2 }).pages()) pages.push(data.rows?.length);
    expect(pages).toEqual([2, 1]);
  });

  it('uses the page parameter the operation names (awsList pages with `current`)', async () => {
    server.reply({ body: { code: 0, data: { data: [] } } });
    for await (const _ of testClient(server.url).paginate('listAvatarVideos')) throw new Error('no rows expected');
    expect(server.requests[0]!.url).toBe('/api/v1/video/awsList?current=1&pageSize=20');
  });
});
