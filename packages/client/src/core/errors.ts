// One error tree for everything the client throws. Callers branch with `instanceof`; every class
// extends A2EError. No error ever holds request headers, so the API key cannot leak through one.

/** Base class of every error thrown by @a2e-sdk/client. */
export class A2EError extends Error {
  override name = 'A2EError';
}

/** The input could not become a request (missing or unsafe path parameter, unknown operation). */
export class InvalidRequestError extends A2EError {
  override name = 'InvalidRequestError';
}

/** What the server said, for an answer that is an error. */
export interface APIErrorInit {
  /** HTTP status (200 when the error came as a non-zero `code` inside a 200). */
  status: number;
  /** Response headers (never request headers). */
  headers: Headers;
  /** Parsed body, already redacted. */
  body: unknown;
  /** The operation that was called, where known. */
  operationId?: string;
  message?: string;
}

/** The server answered with an error: a non-2xx status, or `code` ≠ 0 in the envelope. */
export class APIError extends A2EError {
  override name = 'APIError';
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  /** The envelope's `code` (number, or a string code from A2E's own error shape), if any. */
  readonly code: number | string | undefined;
  readonly operationId: string | undefined;

  constructor(init: APIErrorInit) {
    super(init.message ?? describe(init));
    this.status = init.status;
    this.headers = init.headers;
    this.body = init.body;
    this.code = envelopeCode(init.body);
    this.operationId = init.operationId;
  }

  /** The one factory that maps an error answer to its class. */
  static generate(init: APIErrorInit): APIError {
    return generateAPIError(init);
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/** Prism answers a request that breaks the spec with 422 (or the spec's own 400). */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

export class RateLimitError extends APIError {
  override name = 'RateLimitError';
  /** How long the server asked us to wait (from `Retry-After` / `retry-after-ms`), if it said. */
  readonly retryAfterMs: number | undefined;
  constructor(init: APIErrorInit) {
    super(init);
    this.retryAfterMs = retryAfterMs(init.headers);
  }
}

/**
 * The answer was not the JSON envelope: HTML from a proxy, the wrong type, a body that cannot be
 * decoded (broken gzip), or one larger than `maxResponseBytes`. A received answer that is wrong is
 * not a connection failure, so it is never retried.
 */
export class InvalidResponseError extends A2EError {
  override name = 'InvalidResponseError';
  constructor(
    message: string,
    readonly status: number,
    readonly headers: Headers,
    readonly operationId?: string,
  ) {
    super(message);
  }
}

/** The request never got an answer (DNS, refused, reset). `cause` holds the underlying error. */
export class APIConnectionError extends A2EError {
  override name = 'APIConnectionError';
}
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`);
  }
}
/** The caller's AbortSignal fired. */
export class APIUserAbortError extends A2EError {
  override name = 'APIUserAbortError';
  constructor() {
    super('Request was aborted');
  }
}

/** A job reached a failure status. `job` is the last record read; `message` its failure text. */
export class JobFailedError extends A2EError {
  override name = 'JobFailedError';
  constructor(
    readonly family: string,
    readonly jobId: string,
    readonly status: string,
    readonly job: unknown,
    reason: string | undefined,
  ) {
    super(`${family} job ${jobId} ended with status "${status}"${reason ? `: ${reason}` : ''}`);
  }
}

/** A job was still running when the waiter's `timeoutMs` ran out. The job itself goes on. */
export class JobTimedOutError extends A2EError {
  override name = 'JobTimedOutError';
  constructor(
    readonly family: string,
    readonly jobId: string,
    readonly timeoutMs: number,
    readonly job: unknown,
  ) {
    super(`${family} job ${jobId} did not finish within ${timeoutMs} ms (it keeps running on the server)`);
  }
}

const DELTA_SECONDS = /^\d+$/;
/** `retry-after-ms` is not standard: digits with an optional fraction, never a sign, hex or exponent. */
const MILLISECONDS = /^\d+(?:\.\d+)?$/;
// The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, the obsolete RFC 850 form, and asctime.
const HTTP_DATE = new RegExp(
  [
    /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.source,
    /^[A-Z][a-z]+day, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.source,
    /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.source,
  ].join('|'),
);

/**
 * Milliseconds asked for by `retry-after-ms` (digits, optionally with a fraction) or `Retry-After`
 * (delta-seconds: digits only; or an HTTP date). Anything else (`0x10`, `1e3`, `-5`, `soon`) is not a
 * wait and is ignored, as if the header were absent.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && MILLISECONDS.test(ms)) return Number(ms);
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (DELTA_SECONDS.test(value)) return Number(value) * 1000;
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(
    value.replace(/-(\d{2}) /, (_, yy: string) => ` ${Number(yy) < 70 ? 20 : 19}${yy} `).replace(/-/g, ' '),
  );
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// Outside the class body on purpose: a class that names itself inside its own body is renamed by the
// bundler (`class _APIError`), and util.inspect then prints `_APIError` for every error.
function generateAPIError(init: APIErrorInit): APIError {
  const code = envelopeCode(init.body);
  // A bad key has been seen as HTTP 200 with code 401/403 in the body: class it as the status would.
  const effective = init.status === 200 && (code === 401 || code === 403) ? code : init.status;
  if (effective === 400) return new BadRequestError(init);
  if (effective === 401) return new AuthenticationError(init);
  if (effective === 403) return new PermissionDeniedError(init);
  if (effective === 404) return new NotFoundError(init);
  if (effective === 422) return new UnprocessableEntityError(init);
  if (effective === 429) return new RateLimitError(init);
  if (effective >= 500) return new InternalServerError(init);
  return new APIError(init);
}

function envelopeCode(body: unknown): number | string | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'number' || typeof code === 'string' ? code : undefined;
}

function describe({ status, body, operationId }: APIErrorInit): string {
  const b = body as { msg?: unknown; message?: unknown; error?: unknown } | null | undefined;
  const text = [b?.msg, b?.message, b?.error].find((v) => typeof v === 'string' && v) as string | undefined;
  const code = envelopeCode(body);
  return `${operationId ?? 'request'} failed: HTTP ${status}${code !== undefined ? `, code ${code}` : ''}${text ? ` — ${text}` : ''}`;
}

/**
 * No avatar host was free for a streaming session (A2E answers a non-zero `code`, 1001 has been seen,
 * with a msg saying the hosts are occupied). Nothing was started and nothing is billed; try again later.
 */
export class StreamingCapacityError extends APIError {
  override name = 'StreamingCapacityError';
}
