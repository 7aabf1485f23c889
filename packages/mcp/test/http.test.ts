// The HTTP listener's own limits, in process: loopback Host headers only (a DNS-rebound page cannot reach
// a server that spends the key's credits), bounded bodies and a bounded number of sessions.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/config.ts';
import { startHttpServer } from '../src/http.ts';
import { CANARY } from './helpers.ts';

const init = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } },
});

function post(url: string, body: string, host?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(host && { host }),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HTTP listener', () => {
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  beforeAll(async () => {
    server = await startHttpServer(configFromEnv({ A2E_API_KEY: CANARY, A2E_BASE_URL: 'http://127.0.0.1:9' }), {
      maxSessions: 1,
      maxBodyBytes: 4096,
    });
  });
  afterAll(() => server.close());

  it('refuses a Host that is not loopback', async () => {
    const refused = await post(server.url, init, 'rebind.example:80');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Host not allowed');
  });

  it('refuses a body over maxBodyBytes', async () => {
    expect((await post(server.url, JSON.stringify({ pad: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it('opens sessions up to maxSessions, then answers 503', async () => {
    const first = await post(server.url, init);
    expect(first.status).toBe(200);
    expect(first.text).toContain('a2e-mcp');
    expect(first.text).not.toContain(CANARY);
    const second = await post(server.url, init);
    expect(second.status).toBe(503);
  });
});
