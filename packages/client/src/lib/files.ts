// Uploads: local bytes → a pre-signed storage URL from A2E → the CDN URL that job operations accept.
// The bytes go straight to the storage host; the A2E token is never sent there. Nothing is buffered
// whole: where the runtime can stream a request body (Node, Deno, Bun, Workers) every source is piped
// and counted, so a stalled storage host is noticed; in a browser a Blob is handed to fetch as it is.
import type { Call } from '../core/call.js';
import { A2EError, APIUserAbortError, InvalidRequestError } from '../core/errors.js';

export type UploadSource =
  | Blob
  | ArrayBuffer
  | Uint8Array
  | { stream: ReadableStream<Uint8Array>; size: number; type?: string; name?: string };

export interface UploadOptions {
  /** MIME type bound into the signed URL. Default: the Blob's type, else application/octet-stream. */
  contentType?: string;
  /** Storage key (file name). Default: a random UUID plus the source's extension. */
  key?: string;
  /** Lifetime of the signed upload URL, in seconds (A2E's minimum is 60). Default 600. */
  expiresInSeconds?: number;
  signal?: AbortSignal;
  /**
   * The PUT fails (`UploadError`, reason `'timeout'`) after this long without progress: no byte sent
   * and no answer from the storage host. Each chunk sent restarts the wait, so a slow upload that keeps
   * moving is never cut. In a browser a Blob's bytes cannot be watched, so there only the wait for the
   * answer after the last byte is limited. Default: the client's `timeoutMs` (60 s).
   */
  timeoutMs?: number;
  /** Bytes sent so far and the total: after every chunk where bodies are streamed, else at start and end. */
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

/**
 * Why an upload failed: `expired` / `rejected` (the storage host refused the bytes), `size-mismatch`
 * (the source was not the size it claimed), `connection`, `timeout` (no progress for `timeoutMs`),
 * `invalid-url` (A2E's signed URL was not an https URL; nothing was sent), `not-a-file` (`uploadFile`
 * was given a path that is missing or not a regular file).
 */
export type UploadFailure =
  | 'expired'
  | 'rejected'
  | 'size-mismatch'
  | 'connection'
  | 'timeout'
  | 'invalid-url'
  | 'not-a-file';

/** The storage host refused the bytes or stalled, or the source or the signed URL was unusable. */
export class UploadError extends A2EError {
  override name = 'UploadError';
  constructor(
    message: string,
    readonly reason: UploadFailure,
    readonly status?: number,
    readonly storageMessage?: string,
  ) {
    super(message);
  }
}

function describeSource(source: UploadSource): { size: number; type: string | undefined; name: string | undefined } {
  if (source instanceof Blob) return { size: source.size, type: source.type || undefined, name: (source as File).name };
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source))
    return { size: source.byteLength, type: undefined, name: undefined };
  return { size: source.size, type: source.type, name: source.name };
}

/** Counts bytes as they pass and fails the upload when the stream is longer or shorter than declared. */
function counted(stream: ReadableStream<Uint8Array>, size: number, onChunk: (sent: number) => void) {
  let sent = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        if (sent > size) throw new UploadError(`the source is longer than the declared ${size} bytes`, 'size-mismatch');
        onChunk(sent);
        controller.enqueue(chunk);
      },
      flush() {
        if (sent !== size)
          throw new UploadError(`the source ended after ${sent} of the declared ${size} bytes`, 'size-mismatch');
      },
    }),
  );
}

/**
 * Whether fetch here can send a ReadableStream body (feature test from the Streams spec's authors).
 * Browsers are left out on purpose: Chromium streams request bodies only over HTTP/2, and a storage
 * host on HTTP/1.1 would then fail every upload.
 */
const canStreamBodies = (() => {
  if (typeof (globalThis as { document?: unknown }).document !== 'undefined') return false;
  try {
    let duplexRead = false;
    const probe = new Request('http://probe.invalid/', {
      method: 'PUT',
      body: new ReadableStream(),
      get duplex() {
        duplexRead = true;
        return 'half';
      },
    } as RequestInit);
    return duplexRead && !probe.headers.has('content-type');
  } catch {
    return false;
  }
})();

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The signed URL must be https: it carries the bytes and the signature. Plain http is accepted only
 * on loopback (a local stand-in for the storage host), as browsers treat it as secure too. Another
 * host than A2E's is expected — it is the storage host — which is why no A2E header goes there.
 */
function checkedUploadUrl(value: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!url || !secure || url.username || url.password) {
    // The URL itself is not quoted: a signed URL is a credential for that one object.
    throw new UploadError(
      'A2E answered with an upload URL that is not a usable https URL; nothing was sent',
      'invalid-url',
    );
  }
  return url;
}

/** The CDN URL jobs will be given: it must be an http(s) URL, checked before any byte is sent. */
function checkedCdnUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new UploadError(
      'A2E answered with a file URL (cdnUrl) that is not an http(s) URL; nothing was sent',
      'invalid-url',
    );
  }
  return value as string;
}

/** At most the first 64 KiB of an error answer: enough for S3/R2's XML, and a huge one is not buffered. */
async function headOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let read = 0; read < 64 * 1024; ) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}

/** A timer that aborts `controller` after `ms` without a `touch()`; `stop()` ends it. Infinity: never. */
function idleTimer(ms: number, controller: AbortController) {
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(timer);
    if (ms !== Infinity)
      timer = setTimeout(() => {
        fired = true;
        controller.abort();
      }, ms);
  };
  touch();
  return {
    touch,
    stop: () => clearTimeout(timer),
    get fired() {
      return fired;
    },
  };
}

/** The message of an S3/R2 XML error body (`<Code>…</Code><Message>…</Message>`), or the text itself. */
function storageMessage(text: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  return [code, message].filter(Boolean).join(': ') || text.slice(0, 200);
}

export async function upload(
  call: Call,
  fetchImpl: typeof fetch,
  source: UploadSource,
  options: UploadOptions = {},
): Promise<Uploaded> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  // setTimeout takes NaN, 0 and Infinity alike as "now": refuse the first two, honour the last as "never".
  if (!(timeoutMs > 0)) {
    throw new InvalidRequestError(`timeoutMs must be a number of milliseconds above 0, got ${String(timeoutMs)}`);
  }
  const { size, type, name } = describeSource(source);
  const contentType = options.contentType ?? type ?? 'application/octet-stream';
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(name ?? '')?.[0] ?? '';
  const key = options.key ?? `${crypto.randomUUID()}${extension}`;
  const requested = Math.max(60, options.expiresInSeconds ?? 600);
  const { data } = await call(
    'getUploadPresignedUrl',
    {
      key,
      contentType,
      contentLength: size,
      fileSize: size,
      expiresIn: requested,
    },
    { signal: options.signal },
  );
  const uploadUrl = checkedUploadUrl(data.uploadUrl);
  const cdnUrl = checkedCdnUrl(data.cdnUrl);

  const isStream = !(source instanceof Blob) && !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source);
  const streamed = isStream || canStreamBodies;
  // Our own controller, so that a timeout aborts the PUT (and closes its connection) even without a signal.
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const idle = idleTimer(timeoutMs, controller);
  const onChunk = (sent: number) => {
    idle.touch();
    options.onProgress?.(sent, size);
  };
  const init: RequestInit & { duplex?: 'half' } = {
    method: 'PUT',
    // Only what the signature binds; never the A2E Authorization header.
    headers: { 'content-type': contentType, ...(streamed && { 'content-length': String(size) }) },
    body: streamed ? counted(streamOf(source), size, onChunk) : (source as BodyInit),
    ...(streamed && { duplex: 'half' }),
    signal: controller.signal,
  };
  const fail = (error: unknown): never => {
    if (options.signal?.aborted) throw new APIUserAbortError();
    if (idle.fired) throw new UploadError(`the storage host made no progress for ${timeoutMs} ms`, 'timeout');
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof UploadError) throw cause;
    throw new UploadError(`upload to storage failed: ${(error as Error).message}`, 'connection');
  };
  try {
    if (!streamed) options.onProgress?.(0, size);
    const response = await fetchImpl(uploadUrl.href, init).catch(fail);
    idle.touch();
    if (!response.ok) {
      const text = storageMessage(await headOf(response).catch(fail));
      const reason: UploadFailure = response.status === 403 && /expired/i.test(text) ? 'expired' : 'rejected';
      const said = text ? `: ${text}` : '';
      throw new UploadError(
        `storage refused the upload (HTTP ${response.status}${said})`,
        reason,
        response.status,
        text,
      );
    }
    await response.body?.cancel().catch(() => {});
    if (!streamed) options.onProgress?.(size, size);
  } finally {
    idle.stop();
    options.signal?.removeEventListener('abort', onAbort);
  }
  const lifetimeSeconds = Number.isFinite(data.expiresIn) ? data.expiresIn : requested;
  return {
    url: cdnUrl,
    key: typeof data.key === 'string' ? data.key : key,
    bucket: String(data.bucket ?? ''),
    expiresAt: new Date(Date.now() + lifetimeSeconds * 1000),
  };
}

/** The source as a stream; a buffer is handed out in views of 64 KiB (no copy) so progress is seen. */
function streamOf(source: UploadSource): ReadableStream<Uint8Array> {
  if (source instanceof Blob) return source.stream();
  if (!(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source)) return source.stream;
  const bytes =
    source instanceof ArrayBuffer
      ? new Uint8Array(source)
      : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.subarray(offset, (offset += 64 * 1024)));
      },
    },
    { highWaterMark: 0 },
  );
}

/** "Save URL to A2E's storage": A2E fetches a public URL and keeps a copy; resolves to the copy's URL. */
export async function saveUrl(call: Call, url: string, options?: { signal?: AbortSignal }): Promise<string> {
  const { data } = await call('saveUrlToStorage', { url }, options);
  return (data as { url: string }).url;
}
