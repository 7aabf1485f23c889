// Configurations an operator chooses by environment, over stdio: the credit budget, read-only mode,
// privileged operations, and uploads confined to a root (with `../` and a symlink out of it refused).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@a2e-sdk/cli/sandbox';
import { CANARY, call, connect, type Connected } from './helpers.ts';

let sandbox: Sandbox;
const open: Connected[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, jobDurationMs: 500, seed: 5, quoteCredits: 10 });
});
afterAll(async () => {
  for (const c of open) {
    for (const message of c.received) expect(message).not.toContain(CANARY);
    expect(c.stderr()).not.toContain(CANARY);
    await c.close();
  }
  await sandbox.close();
});
async function server(env: Record<string, string>) {
  const c = await connect('stdio', { A2E_BASE_URL: sandbox.url, ...env });
  open.push(c);
  return c;
}
const count = (id: string) => sandbox.requests().filter((r) => r.operationId === id).length;

describe('credit budget (A2E_MCP_MAX_CREDITS)', () => {
  it('refuses a quote that would go over, and a confirmed start once earlier ones used the budget', async () => {
    const mcp = await server({ A2E_MCP_MAX_CREDITS: '15' });
    const a = { source_url: 'https://example.com/1.wav', target_lang: 'de' };
    const b = { source_url: 'https://example.com/2.wav', target_lang: 'de' };
    // Two quotes fit while nothing is spent; the first start commits 10 of 15.
    const qa = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input: a })).json();
    const qb = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input: b })).json();
    const before = count('startDubbing');
    expect(
      (await call(mcp, 'invoke_operation', { operationId: 'startDubbing', input: a, confirmation: qa.confirmation }))
        .isError,
    ).toBe(false);
    const over = await call(mcp, 'invoke_operation', {
      operationId: 'startDubbing',
      input: b,
      confirmation: qb.confirmation,
    });
    expect(over.isError).toBe(true);
    expect(over.text).toContain('would cost 10 credits; this session has spent 10 of its 15');
    expect(count('startDubbing')).toBe(before + 1);
    const quoteOver = await call(mcp, 'quote_operation', {
      operationId: 'startDubbing',
      input: { ...b, target_lang: 'fr' },
    });
    expect(quoteOver.isError).toBe(true);
    expect(quoteOver.text).toContain('Nothing was sent to A2E');
  });
});

describe('confirmation lifetime (A2E_MCP_CONFIRMATION_TTL_MS)', () => {
  it('refuses an expired confirmation and sends nothing; key order of the input does not matter', async () => {
    const short = await server({ A2E_MCP_CONFIRMATION_TTL_MS: '1' });
    const input = { source_url: 'https://example.com/3.wav', target_lang: 'de' };
    const { confirmation } = (await call(short, 'quote_operation', { operationId: 'startDubbing', input })).json();
    await new Promise((r) => setTimeout(r, 20));
    const before = count('startDubbing');
    const expired = await call(short, 'invoke_operation', { operationId: 'startDubbing', input, confirmation });
    expect(expired.text).toMatch(/This confirmation expired at .*Nothing was sent/);
    expect(count('startDubbing')).toBe(before);

    const normal = await server({});
    const q = (await call(normal, 'quote_operation', { operationId: 'startDubbing', input })).json();
    const reordered = { target_lang: 'de', source_url: 'https://example.com/3.wav' };
    const ok = await call(normal, 'invoke_operation', {
      operationId: 'startDubbing',
      input: reordered,
      confirmation: q.confirmation,
    });
    expect(ok.isError, ok.text).toBe(false);
    expect(count('startDubbing')).toBe(before + 1);
  });
});

describe('read-only (A2E_MCP_READ_ONLY=1)', () => {
  it('lists no write, paid or upload tool and refuses every non-read operation', async () => {
    const mcp = await server({ A2E_MCP_READ_ONLY: '1', A2E_MCP_FILE_ROOT: tmpdir() });
    const names = (await mcp.client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual([
      'search_operations',
      'describe_operation',
      'invoke_operation',
      'wait_for_job',
      'get_job',
      'list_jobs',
    ]);
    const before = sandbox.requests().length;
    for (const operationId of ['startDubbing', 'saveUrlToStorage', 'updateVoice']) {
      const refused = await call(mcp, 'invoke_operation', { operationId, input: {}, confirmation: 'a2e_cf_x' });
      expect(refused.text).toContain('runs read-only');
    }
    expect((await call(mcp, 'quote_operation', { operationId: 'startDubbing', input: {} })).text).toContain(
      'Unknown tool',
    );
    expect(sandbox.requests().length).toBe(before);
    const found = (await call(mcp, 'search_operations', { query: 'dubbing' })).json();
    expect(found.operations.every((o: { kind: string }) => o.kind === 'read')).toBe(true);
    expect((await call(mcp, 'invoke_operation', { operationId: 'listDubbings', input: {} })).isError).toBe(false);
  });
});

describe('privileged operations (A2E_MCP_ALLOW_OPERATIONS)', () => {
  it('hides account and destructive operations unless named', async () => {
    const plain = await server({});
    const hidden = await call(plain, 'invoke_operation', { operationId: 'deleteDubbing', input: { _id: 'x' } });
    expect(hidden.text).toContain(
      'deleteDubbing is a destructive operation; the server exposes it only when A2E_MCP_ALLOW_OPERATIONS names it',
    );
    expect((await call(plain, 'describe_operation', { operationId: 'createApiToken' })).isError).toBe(true);
    expect((await call(plain, 'search_operations', { query: 'delete' })).json().count).toBe(0);
    expect(count('deleteDubbing')).toBe(0);

    const allowed = await server({ A2E_MCP_ALLOW_OPERATIONS: 'deleteDubbing' });
    await call(allowed, 'invoke_operation', { operationId: 'deleteDubbing', input: { _id: 'x' } });
    expect(count('deleteDubbing')).toBe(1);
    expect((await call(allowed, 'describe_operation', { operationId: 'deleteVoice' })).isError).toBe(true);
  });
});

describe('uploads (A2E_MCP_FILE_ROOT)', () => {
  const base = mkdtempSync(join(tmpdir(), 'a2e-mcp-'));
  const root = join(base, 'root');
  mkdirSync(root);
  writeFileSync(join(root, 'voice.wav'), 'RIFF-fake-audio');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));

  it('is not offered without a root', async () => {
    const mcp = await server({});
    expect((await mcp.client.listTools()).tools.map((t) => t.name)).not.toContain('upload_file');
  });

  it('prepares, then uploads a file under the root once, returning the URL', async () => {
    const mcp = await server({ A2E_MCP_FILE_ROOT: root });
    const prepared = (await call(mcp, 'upload_file', { path: 'voice.wav' })).json();
    expect(prepared).toMatchObject({ priced: false, request: { path: 'voice.wav', bytes: 15 } });
    expect(prepared.unpriced).toContain('UNPRICED');
    expect(count('getUploadPresignedUrl')).toBe(0);
    const uploaded = (
      await call(mcp, 'upload_file', { path: 'voice.wav', confirmation: prepared.confirmation })
    ).json();
    expect(uploaded.url).toMatch(/^http/);
    const again = (await call(mcp, 'upload_file', { path: 'voice.wav', confirmation: prepared.confirmation })).json();
    expect(again).toMatchObject({ replayed: true, url: uploaded.url });
    expect(count('getUploadPresignedUrl')).toBe(1);
  });

  it('refuses ../, an absolute path and a symlink that lead outside the root', async () => {
    const mcp = await server({ A2E_MCP_FILE_ROOT: root });
    const before = sandbox.requests().length;
    for (const path of ['../secret.txt', join(base, 'secret.txt'), 'link.txt']) {
      const refused = await call(mcp, 'upload_file', { path });
      expect(refused.isError, path).toBe(true);
      expect(refused.text, path).toContain('resolves outside the upload root');
      expect(refused.text).not.toContain('outside the root'); // the file's content never shows
    }
    expect(sandbox.requests().length).toBe(before);
  });
});

describe('the key', () => {
  it('never reaches the agent, even when the upstream echoes it in a success or an error body', async () => {
    // A loopback upstream that answers every request with its Authorization header, as data or as an error.
    const echo = createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      res.writeHead(req.url?.includes('creditsHistory') ? 400 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url?.includes('creditsHistory')
            ? { code: 1, msg: `bad token ${auth}` }
            : { code: 0, data: { seen: auth } },
        ),
      );
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const mcp = await server({ A2E_BASE_URL: `http://127.0.0.1:${(echo.address() as AddressInfo).port}` });
      const ok = await call(mcp, 'invoke_operation', { operationId: 'getRemainingCoins', input: {} });
      expect(ok.json().data.seen).toBe('Bearer [redacted]');
      const failed = await call(mcp, 'invoke_operation', { operationId: 'listCreditsHistory', input: {} });
      expect(failed.isError).toBe(true);
      for (const text of [ok.text, failed.text]) expect(text).not.toContain(CANARY);
    } finally {
      await new Promise((r) => {
        echo.close(r);
        echo.closeAllConnections();
      });
    }
  });
});
