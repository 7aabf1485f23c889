import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, InvalidResponseError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const page = (ids: string[], count: number) => ({
  body: { code: 0, data: { rows: ids.map((_id) => ({ _id })), count } },
});

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
    for await (const data of testClient(server.url).paginate('listDubbings', { pageSize: 2 }).pages())
      pages.push(data.rows?.length);
    expect(pages).toEqual([2, 1]);
  });

  it('uses the page parameter the operation names (awsList pages with `current`)', async () => {
    server.reply({ body: { code: 0, data: { data: [] } } });
    for await (const _ of testClient(server.url).paginate('listAvatarVideos')) throw new Error('no rows expected');
    expect(server.requests[0]!.url).toBe('/api/v1/video/awsList?current=1&pageSize=20');
  });
});

describe('paginate always ends', () => {
  it.each([
    ['pageSize 0', { pageSize: 0 }],
    ['a negative pageSize', { pageSize: -2 }],
    ['a fractional pageSize', { pageSize: 2.5 }],
    ['pageSize NaN', { pageSize: Number.NaN }],
    ['a pageSize that is not a number', { pageSize: '20' }],
    ['page 0', { pageNum: 0 }],
    ['a page that is not a number', { pageNum: '1' }],
  ])('refuses %s before any request', async (_, input) => {
    server.reply(page([], 0));
    expect(() => testClient(server.url).paginate('listDubbings', input as never)).toThrow(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });

  it('an empty page ends the walk even when the total says there is more', async () => {
    server.reply(page(['a', 'b'], 100), page([], 100));
    const ids: string[] = [];
    for await (const row of testClient(server.url).paginate('listDubbings', { pageSize: 2 })) ids.push(row._id!);
    expect(ids).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  it('a page that repeats the previous one ends the walk (a server that ignores the page number)', async () => {
    server.reply(page(['a', 'b'], Number.NaN));
    const ids: string[] = [];
    for await (const row of testClient(server.url).paginate('listDubbings', { pageSize: 2 })) ids.push(row._id!);
    expect(ids).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  it('full pages with no total stop at maxPages with an error, not a silent cut', async () => {
    let n = 0;
    server.reply(() => page([`r${n++}`, `r${n++}`], Number.NaN));
    const ids: string[] = [];
    const walk = async () => {
      for await (const row of testClient(server.url).paginate('listDubbings', { pageSize: 2 }, { maxPages: 5 }))
        ids.push(row._id!);
    };
    await expect(walk()).rejects.toBeInstanceOf(InvalidResponseError);
    expect(ids).toHaveLength(10);
    expect(server.requests).toHaveLength(5);
  });
});
