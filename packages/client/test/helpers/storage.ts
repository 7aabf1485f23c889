// Loopback stand-ins for the upload flow: an A2E endpoint that signs upload URLs, and a storage host
// that enforces what the signature binds (content type, length, expiry) the way S3/R2 do. A key with
// `stall-body` makes the storage host accept the connection and never read; `stall-answer`, read the
// bytes and never answer; `other-host` signs a URL on `localhost` instead of 127.0.0.1.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StorageStandIn {
  a2eUrl: string;
  /** Every request the storage host received: headers, and when its first and last bytes arrived. */
  puts: {
    path: string;
    headers: IncomingHttpHeaders;
    bytes: number;
    firstByteAt: number;
    status: number;
    /** Set when the connection the PUT came on was closed (a stalled one notices only once released). */
    socketClosed: boolean;
    /** Bytes of the error answer a `huge-error` PUT got written before the client went away. */
    answered?: number;
    /** For a `stall-body` PUT: starts reading, so that a closed connection can be noticed. */
    release?: () => void;
  }[];
  /** Bodies A2E received (the presign requests). */
  signed: Record<string, unknown>[];
  close(): Promise<void>;
}

const xml = (code: string, message: string) =>
  `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

export async function startStorage(): Promise<StorageStandIn> {
  const puts: StorageStandIn['puts'] = [];
  const signed: Record<string, unknown>[] = [];
  const storage = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    const entry: StorageStandIn['puts'][number] = {
      path: url.pathname,
      headers: req.headers,
      bytes: 0,
      firstByteAt: 0,
      status: 0,
      socketClosed: false,
    };
    puts.push(entry);
    req.socket.once('close', () => {
      entry.socketClosed = true;
    });
    if (url.pathname.includes('stall-body')) {
      // Accepts the connection, reads nothing and answers nothing until released; then counts what comes.
      entry.release = () =>
        req
          .on('data', (chunk: Buffer) => {
            entry.bytes += chunk.length;
          })
          .on('error', () => {});
      return;
    }
    try {
      for await (const chunk of req) {
        entry.firstByteAt ||= Date.now();
        entry.bytes += (chunk as Buffer).length;
      }
    } catch {
      entry.status = -1; // the client gave up mid-body (a size mismatch it detected itself)
      return;
    }
    if (url.pathname.includes('stall-answer')) return;
    if (url.pathname.includes('huge-error')) {
      // A 64 MiB error answer, written as fast as the client reads it.
      res.writeHead(500, { 'content-type': 'application/xml' });
      entry.answered = 0;
      const block = Buffer.alloc(64 * 1024, 0x20);
      while (entry.answered < 64 * 2 ** 20 && !res.destroyed) {
        entry.answered += block.length;
        if (!res.write(block))
          await new Promise((ok) => {
            res.once('drain', ok);
            res.once('close', ok);
          });
      }
      return void res.end();
    }
    const fail = (status: number, code: string, message: string) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/xml' }).end(xml(code, message));
    };
    if (Number(url.searchParams.get('exp')) < Date.now()) return fail(403, 'AccessDenied', 'Request has expired');
    if (req.headers['content-type'] !== url.searchParams.get('ct'))
      return fail(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided',
      );
    if (
      String(entry.bytes) !== url.searchParams.get('len') ||
      req.headers['content-length'] !== url.searchParams.get('len')
    )
      return fail(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
      );
    entry.status = 200;
    res.writeHead(200).end();
  });
  const a2e = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text || '{}') as Record<string, unknown>;
    const json = (data: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, data }));
    if (req.url === '/api/v1/r2/upload-presigned-url') {
      signed.push(body);
      const expired = String(body.key).includes('expired');
      const q = new URLSearchParams({
        ct: String(body.contentType),
        len: String(body.contentLength),
        exp: String(expired ? Date.now() - 1000 : Date.now() + Number(body.expiresIn) * 1000),
      });
      const host = String(body.key).includes('other-host') ? storageUrl.replace('127.0.0.1', 'localhost') : storageUrl;
      return json({
        uploadUrl: `${host}/3days-apac/${String(body.key)}?${q}`,
        cdnUrl: `https://cdn.example.com/${String(body.key)}`,
        key: body.key,
        bucket: '3days-apac',
        expiresIn: body.expiresIn,
      });
    }
    if (req.url === '/api/v1/tos/transferToStorage')
      return json({ url: `https://cdn.example.com/copied/${encodeURIComponent(String(body.url))}` });
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => storage.listen(0, '127.0.0.1', ok));
  await new Promise<void>((ok) => a2e.listen(0, '127.0.0.1', ok));
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
  return {
    a2eUrl: `http://127.0.0.1:${(a2e.address() as AddressInfo).port}`,
    puts,
    signed,
    close: async () => {
      storage.closeAllConnections();
      a2e.closeAllConnections();
      await Promise.all([new Promise((ok) => storage.close(ok)), new Promise((ok) => a2e.close(ok))]);
    },
  };
}
