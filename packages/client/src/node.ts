// `@a2e-sdk/client/node`: the Node-only helpers, kept out of the main entry so that it runs anywhere.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname } from 'node:path';
import { Readable } from 'node:stream';
import type { A2EClient } from './client.js';
import { UploadError, type Uploaded, type UploadOptions } from './core/files.js';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm', '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
  '.m4a': 'audio/mp4', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp',
};

/** Uploads a local file, streamed from disk (never read whole), to A2E's storage. */
export async function uploadFile(client: Pick<A2EClient, 'files'>, path: string, options: UploadOptions = {}): Promise<Uploaded> {
  // Checked before anything is signed: openAsBlob accepts a directory and fails only when read.
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new UploadError(`uploadFile: ${path} ${info ? 'is not a regular file' : 'does not exist'}`, 'not-a-file');
  const blob = await openAsBlob(path);
  const contentType = options.contentType ?? TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return client.files.upload(new File([blob], basename(path), { type: contentType }), { ...options, contentType });
}

/** A fetch-standard Request for a Node request (body streamed, not buffered). */
export function toFetchRequest(req: IncomingMessage, origin = `http://${req.headers.host ?? 'localhost'}`): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method, headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' }),
  } as RequestInit);
}

/** Writes a fetch-standard Response to a Node response. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

/** Adapts a fetch-standard handler (webhook receiver, proxy) to Node `http` and Express. */
export const nodeHandler = (handler: (request: Request) => Promise<Response>) =>
  async (req: IncomingMessage, res: ServerResponse) => sendResponse(res, await handler(toFetchRequest(req)));
