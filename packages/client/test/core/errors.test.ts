import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  A2EError,
  APIError,
  AuthenticationError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
} from '../../src/index.js';
import { testClient } from '../helpers/client.js';
import { startScriptedServer, type ScriptedServer } from '@a2e-sdk/tools/scripted-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const fail = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as APIError,
  );

describe('answers that are errors', () => {
  it('a non-zero code under HTTP 200 is an APIError with the code, text, status and operation', async () => {
    server.reply({ body: { code: 1001, msg: 'All hosts are busy' } });
    const e = await fail(testClient(server.url).dubbing.getDubbing({ _id: 'a' }));
    expect(e).toBeInstanceOf(APIError);
    expect(e).toBeInstanceOf(A2EError);
    expect({ status: e.status, code: e.code, operationId: e.operationId }).toEqual({
      status: 200,
      code: 1001,
      operationId: 'getDubbing',
    });
    expect(e.message).toContain('All hosts are busy');
  });

  it('a bad key answered as HTTP 200 with code 401 or 403 is classed like the status', async () => {
    server.reply({ body: { code: 401, msg: 'token invalid' } });
    expect(await fail(testClient(server.url).misc.getRemainingCoins())).toBeInstanceOf(AuthenticationError);
    server.reply({ body: { code: 403, msg: 'forbidden' } });
    expect(await fail(testClient(server.url).misc.getRemainingCoins())).toBeInstanceOf(PermissionDeniedError);
  });

  it('maps HTTP statuses to classes, both error shapes', async () => {
    server.reply({ status: 401, body: { success: false, error: 'Unauthorized', code: 'UNAUTHORIZED' } });
    const e = await fail(testClient(server.url).misc.getRemainingCoins());
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.code).toBe('UNAUTHORIZED');
    server.reply({ status: 404, body: { code: 404, msg: 'no such task' } });
    expect(await fail(testClient(server.url).dubbing.getDubbing({ _id: 'a' }))).toBeInstanceOf(NotFoundError);
  });

  it('an HTML error page from a proxy is a server error with its status, not a JSON crash', async () => {
    server.reply({ status: 502, body: '<html><body>Bad gateway</body></html>' });
    const e = await fail(testClient(server.url, { maxRetries: 0 }).misc.getRemainingCoins());
    expect(e).toBeInstanceOf(InternalServerError);
    expect(e.message).toMatch(/not JSON \(text\/html\)/);
  });

  it('an HTML page or empty body under HTTP 200 is an InvalidResponseError', async () => {
    server.reply({ body: '<html>maintenance</html>' });
    expect(await fail(testClient(server.url).misc.getRemainingCoins())).toBeInstanceOf(InvalidResponseError);
    server.reply({ body: undefined });
    expect(await fail(testClient(server.url).misc.getRemainingCoins())).toBeInstanceOf(InvalidResponseError);
  });

  it('JSON that is not the envelope is an InvalidResponseError', async () => {
    server.reply({ body: { hello: 'world' } });
    expect(await fail(testClient(server.url).misc.getRemainingCoins())).toBeInstanceOf(InvalidResponseError);
  });

  it('an error answer with an empty body is still a typed error', async () => {
    server.reply({ status: 404 });
    const e = await fail(testClient(server.url).dubbing.getDubbing({ _id: 'a' }));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.body).toBeUndefined();
  });
});
