import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createA2EClient, InvalidRequestError, UploadError, type LogEvent } from '../../src/index.js';
import { uploadFile } from '../../src/node.js';
import { startStorage, type StorageStandIn } from '../helpers/storage.js';

const CANARY = 'sk_CANARY_upload_5d1e';
let s: StorageStandIn;
const logs: LogEvent[] = [];
beforeAll(async () => {
  s = await startStorage();
});
afterAll(() => s.close());
const client = () => createA2EClient({ apiKey: CANARY, baseUrl: s.a2eUrl, logger: (e) => logs.push(e) });

/** A source that makes its bytes only when pulled, recording when it made the last chunk. */
function lazySource(chunks: number, chunkSize: number) {
  const made = { lastChunkAt: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i === chunks) return controller.close();
      await new Promise((ok) => setTimeout(ok, 5));
      controller.enqueue(new Uint8Array(chunkSize).fill(i++ % 256));
      if (i === chunks) made.lastChunkAt = Date.now();
    },
  });
  return { stream, made };
}

describe('files.upload', () => {
  it('signs a URL bound to type and size, PUTs the bytes there without the A2E token, and returns the CDN URL', async () => {
    const file = new File([new Uint8Array(1234).fill(1)], 'clip.mp4', { type: 'video/mp4' });
    const progress: number[] = [];
    const up = await client().files.upload(file, { onProgress: (sent) => progress.push(sent) });
    expect(up.url).toMatch(/^https:\/\/cdn\.example\.com\/[0-9a-f-]{36}\.mp4$/);
    expect(up.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(s.signed.at(-1)).toMatchObject({ contentType: 'video/mp4', contentLength: 1234 });
    const put = s.puts.at(-1)!;
    expect({ status: put.status, bytes: put.bytes, type: put.headers['content-type'] }).toEqual({
      status: 200,
      bytes: 1234,
      type: 'video/mp4',
    });
    expect(put.headers.authorization).toBeUndefined();
    expect(JSON.stringify(s.puts)).not.toContain(CANARY);
    expect(progress.at(-1)).toBe(1234);
  });

  it('streams: the storage host has bytes before the source has made its last chunk', async () => {
    const { stream, made } = lazySource(20, 64 * 1024);
    const progress: number[] = [];
    await client().files.upload(
      { stream, size: 20 * 64 * 1024, type: 'audio/wav' },
      { onProgress: (sent) => progress.push(sent) },
    );
    const put = s.puts.at(-1)!;
    expect(put.status).toBe(200);
    expect(put.firstByteAt).toBeLessThan(made.lastChunkAt);
    expect(progress).toHaveLength(20);
    expect(progress.at(-1)).toBe(20 * 64 * 1024);
  });

  it('refuses a stream shorter than it claimed, as a size mismatch', async () => {
    const { stream } = lazySource(2, 10);
    const e = await client()
      .files.upload({ stream, size: 30 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('size-mismatch');
  });

  it('reports an expired signed URL, with the storage text', async () => {
    const e = await client()
      .files.upload(new Blob(['abc']), { key: 'expired.txt', contentType: 'text/plain' })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect({ reason: e.reason, status: e.status }).toEqual({ reason: 'expired', status: 403 });
    expect(e.message).toContain('Request has expired');
  });

  it('reports a rejected upload (the signature binds the type) and keeps the token out of errors and logs', async () => {
    const fetchWrongType: typeof fetch = (url, init) =>
      fetch(url, String(url).includes('/3days-apac/') ? { ...init, headers: { 'content-type': 'image/png' } } : init);
    const c = createA2EClient({
      apiKey: CANARY,
      baseUrl: s.a2eUrl,
      fetch: fetchWrongType,
      logger: (e) => logs.push(e),
    });
    const e = await c.files.upload(new Blob(['abc'], { type: 'text/plain' })).catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect({ reason: e.reason, status: e.status }).toEqual({ reason: 'rejected', status: 403 });
    expect(e.storageMessage).toContain('SignatureDoesNotMatch');
    expect(JSON.stringify(logs) + String(e) + JSON.stringify(e)).not.toContain(CANARY);
  });

  it('uploads a local file from disk through the Node subpath', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'up-'));
    writeFileSync(join(dir, 'voice.wav'), new Uint8Array(4096));
    const up = await uploadFile(client(), join(dir, 'voice.wav'));
    expect(up.url).toMatch(/\.wav$/);
    expect(s.puts.at(-1)).toMatchObject({ status: 200, bytes: 4096 });
    expect(s.puts.at(-1)!.headers['content-type']).toBe('audio/wav');
  });

  it('a storage host that takes the connection and never reads fails the upload after timeoutMs, and the PUT is closed', async () => {
    // 32 MiB: more than loopback socket buffers hold, so the sending itself stalls.
    const e = await client()
      .files.upload(new Uint8Array(32 * 2 ** 20), { key: 'stall-body.bin', timeoutMs: 300 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('timeout');
    const put = s.puts.at(-1)!;
    put.release!();
    await expect.poll(() => put.socketClosed, { timeout: 5000 }).toBe(true);
    // Had the PUT stayed open, the rest of the 32 MiB would now flow in.
    expect(put.bytes).toBeLessThan(32 * 2 ** 20);
  });

  it('a storage host that reads every byte and never answers fails the upload after timeoutMs, and the PUT is closed', async () => {
    const e = await client()
      .files.upload(new Blob(['abc']), { key: 'stall-answer.txt', timeoutMs: 300 })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('timeout');
    expect(s.puts.at(-1)!.bytes).toBe(3);
    await expect.poll(() => s.puts.at(-1)!.socketClosed, { timeout: 5000 }).toBe(true);
  });

  it("the client-wide timeoutMs is the upload's default", async () => {
    const c = createA2EClient({ apiKey: CANARY, baseUrl: s.a2eUrl, timeoutMs: 300 });
    const e = await c.files.upload(new Blob(['abc']), { key: 'stall-answer-default.txt' }).catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('timeout');
  });

  it('a slow upload that keeps moving is not cut: each chunk restarts the wait', async () => {
    // 8 chunks 200 ms apart take at least 1.4 s, well over the 600 ms limit; no gap comes near it.
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (i === 8) return controller.close();
        await new Promise((ok) => setTimeout(ok, 200));
        i++;
        controller.enqueue(new Uint8Array(1000).fill(i));
      },
    });
    const started = Date.now();
    await expect(client().files.upload({ stream, size: 8000 }, { timeoutMs: 600 })).resolves.toMatchObject({
      bucket: '3days-apac',
    });
    expect(Date.now() - started).toBeGreaterThan(600);
    expect(s.puts.at(-1)).toMatchObject({ status: 200, bytes: 8000 });
  });

  it("sends the bytes to a storage host other than A2E's without the A2E token", async () => {
    const up = await client().files.upload(new Blob(['abc'], { type: 'text/plain' }), { key: 'other-host.txt' });
    expect(up.key).toBe('other-host.txt');
    const put = s.puts.at(-1)!;
    expect({ status: put.status, host: put.headers.host }).toMatchObject({
      status: 200,
      host: expect.stringMatching(/^localhost:/),
    });
    expect(put.headers.authorization).toBeUndefined();
    expect(JSON.stringify(put.headers) + put.path).not.toContain(CANARY);
  });

  it.each([
    ['plain http to a public host', 'http://storage.example.com/b/k?sig=1'],
    ['not a URL', 'not a url'],
    ['another scheme', 'ftp://storage.example.com/b/k'],
    ['credentials in the URL', 'https://user:pw@storage.example.com/b/k'],
    ['not a string', { href: 'https://storage.example.com/' }],
    ['missing', undefined],
  ])('refuses a signed URL that is %s, and sends nothing', async (_, uploadUrl) => {
    const sent: string[] = [];
    const fetchImpl: typeof fetch = async (url) => {
      sent.push(String(url));
      const data = { uploadUrl, cdnUrl: 'https://cdn.example.com/k', key: 'k', bucket: 'b', expiresIn: 600 };
      return Response.json({ code: 0, data });
    };
    const c = createA2EClient({ apiKey: CANARY, baseUrl: 'https://api.example.com', fetch: fetchImpl });
    const e = await c.files.upload(new Blob(['abc'])).catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('invalid-url');
    expect(sent).toEqual(['https://api.example.com/api/v1/r2/upload-presigned-url']);
  });

  it('reads no more than the head of a huge error answer from the storage host', async () => {
    const e = await client()
      .files.upload(new Blob(['abc']), { key: 'huge-error.txt' })
      .catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect({ reason: e.reason, status: e.status }).toEqual({ reason: 'rejected', status: 500 });
    const put = s.puts.at(-1)!;
    await expect.poll(() => put.socketClosed, { timeout: 5000 }).toBe(true);
    expect(put.answered).toBeLessThan(32 * 2 ** 20);
  });

  it.each([
    ['not a URL', 'cdn/k'],
    ['another scheme', 'javascript:alert(1)'],
    ['not a string', 42],
  ])('refuses a file URL (cdnUrl) that is %s, before any byte is sent', async (_, cdnUrl) => {
    const sent: string[] = [];
    const fetchImpl: typeof fetch = async (url) => {
      sent.push(String(url));
      return Response.json({
        code: 0,
        data: { uploadUrl: 'https://storage.example.com/b/k', cdnUrl, key: 'k', bucket: 'b', expiresIn: 600 },
      });
    };
    const c = createA2EClient({ apiKey: CANARY, baseUrl: 'https://api.example.com', fetch: fetchImpl });
    const e = await c.files.upload(new Blob(['abc'])).catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('invalid-url');
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['NaN', Number.NaN],
    ['0', 0],
    ['-1', -1],
  ])('a timeoutMs of %s is refused before anything is signed', async (_, timeoutMs) => {
    const before = s.signed.length;
    await expect(client().files.upload(new Blob(['abc']), { timeoutMs })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(s.signed.length).toBe(before);
  });

  it('a timeoutMs of Infinity means no limit, not an immediate timeout', async () => {
    await expect(client().files.upload(new Blob(['abc']), { timeoutMs: Infinity })).resolves.toMatchObject({
      bucket: '3days-apac',
    });
  });

  it.each([
    ['does not exist', (dir: string) => join(dir, 'missing.wav')],
    ['is a directory', (dir: string) => dir],
  ])('uploadFile on a path that %s is an UploadError, before anything is signed', async (_, pathIn) => {
    const dir = mkdtempSync(join(tmpdir(), 'up-'));
    const before = s.signed.length;
    const e = await uploadFile(client(), pathIn(dir)).catch((x) => x);
    expect(e).toBeInstanceOf(UploadError);
    expect(e.reason).toBe('not-a-file');
    expect(s.signed.length).toBe(before);
  });

  it('saveUrl has A2E copy a public URL', async () => {
    await expect(client().files.saveUrl('https://example.com/in.png')).resolves.toBe(
      'https://cdn.example.com/copied/https%3A%2F%2Fexample.com%2Fin.png',
    );
  });
});
