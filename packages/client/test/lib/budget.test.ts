import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetExceededError, InvalidRequestError, QuoteUnavailableError } from '../../src/index.js';
import { testClient } from '../helpers/client.js';

let a2e: ScriptedServer;
beforeAll(async () => {
  a2e = await startScriptedServer();
});
afterAll(() => a2e.close());

/** Quotes `credits`, then (if asked) starts the job. */
const quoteThenStart = (credits: unknown) => (req: { url: string }) =>
  req.url === '/api/v1/generation/quote'
    ? { body: { code: 0, data: { credits, generationRequestValidated: false } } }
    : { body: { code: 0, data: { _id: 'i2v1' } } };
const body = { name: 'n', image_url: 'https://x/a.png', prompt: 'p' };

describe('cost quotes and the spending guard', () => {
  it('quote() sends the operation path and the body to the quote endpoint', async () => {
    a2e.reply(quoteThenStart(120));
    await expect(testClient(a2e.url).quote('startImageToVideo', body)).resolves.toEqual({
      credits: 120,
      raw: { credits: 120, generationRequestValidated: false },
    });
    expect(JSON.parse(a2e.requests[0]!.body)).toEqual({ endpoint: '/api/v1/userImage2Video/start', requestBody: body });
  });

  it.each([
    [99, true],
    [100, true],
    [101, false],
  ])('a job quoted at %s credits with maxCredits 100 is started: %s', async (credits, started) => {
    a2e.reply(quoteThenStart(credits));
    const result = testClient(a2e.url).imageToVideo.startImageToVideo(body, { maxCredits: 100 });
    if (started) await expect(result).resolves.toEqual({ _id: 'i2v1' });
    else await expect(result).rejects.toBeInstanceOf(BudgetExceededError);
    expect(a2e.requests.map((r) => r.url)).toEqual(
      started ? ['/api/v1/generation/quote', '/api/v1/userImage2Video/start'] : ['/api/v1/generation/quote'],
    );
  });

  it('a client-wide maxCredits guards every job start; other calls are not quoted', async () => {
    a2e.reply(quoteThenStart(500));
    const client = testClient(a2e.url, { maxCredits: 100 });
    await expect(client.dubbing.startDubbing({ source_url: 'https://x/a.mp3' })).rejects.toMatchObject({
      credits: 500,
      maxCredits: 100,
    });
    a2e.reply({ body: { code: 0, data: { coins: 1 } } });
    await client.misc.getRemainingCoins();
    expect(a2e.requests.map((r) => r.url)).toEqual(['/api/v1/user/remainingCoins']);
  });

  it('fails closed when the quote names no amount: nothing is started', async () => {
    a2e.reply(quoteThenStart(undefined));
    await expect(testClient(a2e.url).imageToVideo.startImageToVideo(body, { maxCredits: 100 })).rejects.toBeInstanceOf(
      QuoteUnavailableError,
    );
    expect(a2e.requests).toHaveLength(1);
  });

  it('without a limit, no quote is made', async () => {
    a2e.reply(quoteThenStart(10_000));
    await testClient(a2e.url).imageToVideo.startImageToVideo(body);
    expect(a2e.requests.map((r) => r.url)).toEqual(['/api/v1/userImage2Video/start']);
  });

  it.each([
    ['a string', '{"credits":"50"}'],
    ['negative', '{"credits":-5}'],
    ['a negative top-level number', '-5'],
    ['infinite (1e999 parses as Infinity)', '{"credits":1e999}'],
    ['an object', '{"credits":{"value":50}}'],
    ['an array', '{"credits":[50]}'],
    ['a boolean', '{"credits":true}'],
    ['unusable, with a usable field after it', '{"credits":"abc","cost":5}'],
  ])('fails closed when the quoted amount is %s: nothing is started', async (_, data) => {
    a2e.reply((req) =>
      req.url === '/api/v1/generation/quote'
        ? { headers: { 'content-type': 'application/json' }, body: `{"code":0,"data":${data}}` }
        : { body: { code: 0, data: { _id: 'i2v1' } } },
    );
    await expect(testClient(a2e.url).imageToVideo.startImageToVideo(body, { maxCredits: 100 })).rejects.toBeInstanceOf(
      QuoteUnavailableError,
    );
    expect(a2e.requests.map((r) => r.url)).toEqual(['/api/v1/generation/quote']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['-1', -1],
    ["the string '100'", '100'],
  ])('a maxCredits of %s is refused before anything is quoted or started', async (_, limit) => {
    a2e.reply(quoteThenStart(500));
    const start = testClient(a2e.url).imageToVideo.startImageToVideo(body, { maxCredits: limit as number });
    await expect(start).rejects.toBeInstanceOf(InvalidRequestError);
    expect(a2e.requests).toHaveLength(0);
  });
});
