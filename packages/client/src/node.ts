// `@a2e-sdk/client/node`: the Node-only helpers, kept out of the main entry so that it runs anywhere.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname } from 'node:path';
import type { A2EClient } from './client.js';
import { UploadError, type Uploaded, type UploadOptions } from './lib/files.js';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** Uploads a local file, streamed from disk (never read whole), to A2E's storage. */
export async function uploadFile(
  client: Pick<A2EClient, 'files'>,
  path: string,
  options: UploadOptions = {},
): Promise<Uploaded> {
  // Checked before anything is signed: openAsBlob accepts a directory and fails only when read.
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new UploadError(`uploadFile: ${path} ${info ? 'is not a regular file' : 'does not exist'}`, 'not-a-file');
  }
  const blob = await openAsBlob(path);
  const contentType = options.contentType ?? TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return client.files.upload(new File([blob], basename(path), { type: contentType }), { ...options, contentType });
}

/**
 * The request body as a web stream that reads only when pulled: nothing is buffered ahead of the
 * handler. Cancelling stops reading but leaves the socket alone, so the handler's answer (a 413, say)
 * still goes out; `nodeHandler` then closes the connection.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull: (controller) =>
        new Promise<void>((resolve, reject) => {
          const cleanup = () => {
            req.off('readable', step);
            req.off('end', onEnd);
            req.off('error', onError);
          };
          function step() {
            const chunk = req.read() as Buffer | null;
            if (chunk === null) return;
            cleanup();
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            resolve();
          }
          function onEnd() {
            cleanup();
            controller.close();
            resolve();
          }
          function onError(error: unknown) {
            cleanup();
            reject(error);
          }
          if (req.readableEnded) return onEnd();
          req.on('readable', step);
          req.on('end', onEnd);
          req.on('error', onError);
          step();
        }),
      cancel: () => {
        req.pause();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A fetch-standard Request for a Node request (body streamed as it is read, never buffered). */
export function toFetchRequest(req: IncomingMessage, origin = `http://${req.headers.host ?? 'localhost'}`): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    ...(hasBody && { body: bodyStream(req), duplex: 'half' }),
  } as RequestInit);
}

/** Writes a fetch-standard Response to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

/**
 * Adapts a fetch-standard handler (webhook receiver, proxy) to Node `http` and Express. When the
 * handler answers without reading the whole body (a 401, a 413), the rest is not read: the answer
 * says `connection: close` and the connection is closed once it is sent.
 */
export const nodeHandler =
  (handler: (request: Request) => Promise<Response>) => async (req: IncomingMessage, res: ServerResponse) => {
    const response = await handler(toFetchRequest(req));
    if (!req.complete) {
      res.setHeader('connection', 'close');
      res.once('finish', () => req.socket.destroySoon());
    }
    await sendResponse(res, response);
  };
