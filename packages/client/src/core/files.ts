// Uploads: local bytes → a pre-signed storage URL from A2E → the CDN URL that job operations accept.
// The bytes go straight to the storage host; the A2E token is never sent there. Nothing is buffered
// whole: a Blob (a File, or `fs.openAsBlob` in Node) is handed to fetch as it is, a stream is piped.
import type { Call } from './call.js';
import { A2EError, APIUserAbortError } from './errors.js';

export type UploadSource = Blob | ArrayBuffer | Uint8Array | { stream: ReadableStream<Uint8Array>; size: number; type?: string; name?: string };

export interface UploadOptions {
  /** MIME type bound into the signed URL. Default: the Blob's type, else application/octet-stream. */
  contentType?: string;
  /** Storage key (file name). Default: a random UUID plus the source's extension. */
  key?: string;
  /** Lifetime of the signed upload URL, in seconds (A2E's minimum is 60). Default 600. */
  expiresInSeconds?: number;
  signal?: AbortSignal;
  /** Bytes sent so far and the total; for streams after every chunk, for Blobs and buffers at start and end. */
  onProgress?: (sent: number, total: number) => void;
}

export interface Uploaded {
  /** CDN URL of the stored file: pass it to any job operation. */
  url: string;
  key: string;
  bucket: string;
  /** When the signed upload URL expires. How long the stored file lives is not documented. */
  expiresAt: Date;
}

export type UploadFailure = 'expired' | 'rejected' | 'size-mismatch' | 'connection';

/** The storage host refused the bytes, the signed URL had expired, or the source was not the size it claimed. */
export class UploadError extends A2EError {
  override name = 'UploadError';
  constructor(message: string, readonly reason: UploadFailure, readonly status?: number, readonly storageMessage?: string) {
    super(message);
  }
}

function describeSource(source: UploadSource): { size: number; type: string | undefined; name: string | undefined } {
  if (source instanceof Blob) return { size: source.size, type: source.type || undefined, name: (source as File).name };
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return { size: source.byteLength, type: undefined, name: undefined };
  return { size: source.size, type: source.type, name: source.name };
}

/** Counts bytes as they pass and fails the upload when the stream is longer or shorter than declared. */
function counted(stream: ReadableStream<Uint8Array>, size: number, onProgress?: (sent: number, total: number) => void) {
  let sent = 0;
  return stream.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      sent += chunk.byteLength;
      if (sent > size) throw new UploadError(`the source is longer than the declared ${size} bytes`, 'size-mismatch');
      onProgress?.(sent, size);
      controller.enqueue(chunk);
    },
    flush() {
      if (sent !== size) throw new UploadError(`the source ended after ${sent} of the declared ${size} bytes`, 'size-mismatch');
    },
  }));
}

/** The message of an S3/R2 XML error body (`<Code>…</Code><Message>…</Message>`), or the text itself. */
function storageMessage(text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return [code, message].filter(Boolean).join(': ') || text.slice(0, 200);
}

export async function upload(call: Call, fetchImpl: typeof fetch, source: UploadSource, options: UploadOptions = {}): Promise<Uploaded> {
  const { size, type, name } = describeSource(source);
  const contentType = options.contentType ?? type ?? 'application/octet-stream';
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name ?? '')?.[0] ?? '';
  const key = options.key ?? `${crypto.randomUUID()}${extension}`;
  const { data } = await call('getUploadPresignedUrl', {
    key, contentType, contentLength: size, fileSize: size, expiresIn: Math.max(60, options.expiresInSeconds ?? 600),
  }, { signal: options.signal });

  const isStream = !(source instanceof Blob) && !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source);
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'PUT',
    // Only what the signature binds; never the A2E Authorization header.
    headers: { 'content-type': contentType, ...(isStream && { 'content-length': String(size) }) },
    body: isStream ? counted(source.stream, size, options.onProgress) : (source as BodyInit),
    ...(isStream && { duplex: 'half' }),
    ...(options.signal && { signal: options.signal }),
  };
  if (!isStream) options.onProgress?.(0, size);
  let response: Response;
  try {
    response = await fetchImpl(data.uploadUrl, init);
  } catch (error) {
    if (options.signal?.aborted) throw new APIUserAbortError();
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof UploadError) throw cause;
    throw new UploadError(`upload to storage failed: ${(error as Error).message}`, 'connection');
  }
  if (!response.ok) {
    const text = storageMessage(await response.text().catch(() => ''));
    const reason: UploadFailure = response.status === 403 && /expired/i.test(text) ? 'expired' : 'rejected';
    throw new UploadError(`storage refused the upload (HTTP ${response.status}${text ? `: ${text}` : ''})`, reason, response.status, text);
  }
  await response.body?.cancel().catch(() => {});
  if (!isStream) options.onProgress?.(size, size);
  return { url: data.cdnUrl, key: data.key, bucket: data.bucket, expiresAt: new Date(Date.now() + data.expiresIn * 1000) };
}

/** "Save URL to A2E's storage": A2E fetches a public URL and keeps a copy; resolves to the copy's URL. */
export async function saveUrl(call: Call, url: string, options?: { signal?: AbortSignal }): Promise<string> {
  const { data } = await call('saveUrlToStorage', { url }, options);
  return (data as { url: string }).url;
}
