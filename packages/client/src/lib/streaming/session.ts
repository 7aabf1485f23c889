// A streaming avatar session on the server: A2E bills it from the token until an explicit leave, so
// every way out of a session (leave(), `await using`, abort, expiry) ends in exactly one leave call.
import type { Call } from '../../core/call.js';
import type { RequestOptions } from '../../types.js';
import {
  APIConnectionTimeoutError,
  APIError,
  type APIErrorInit,
  APIUserAbortError,
  InvalidRequestError,
  InvalidResponseError,
  StreamingCapacityError,
} from '../../core/errors.js';

/** What a browser needs to join the session's Agora room as a viewer. Holds no A2E key. */
export interface StreamingCredentials {
  appId: string;
  channel: string;
  /** Agora RTC token for this one viewer. */
  token: string;
  uid: number | string;
  /** When A2E ends the session by itself (and the session object leaves). */
  expiresAt: Date;
}

export interface StartStreamingOptions {
  /** `_id` of an avatar from `listStreamingAvatars`. */
  avatarId: string;
  /** Session lifetime in seconds, sent as `expire_seconds`. It sets the price: the whole span is charged up front. */
  durationSeconds: number;
  /** Aborting ends the session (one leave call); aborting before the token arrives leaves it as soon as it does. */
  signal?: AbortSignal;
  /** How long to wait for the token answer, in ms; then APIConnectionTimeoutError. Default: the client's (60000). */
  timeoutMs?: number;
  /**
   * After a timeout, how much longer the token answer is still awaited in the background, in ms, so that a
   * session A2E opened (and bills) anyway is left. Default 30000. The connection is closed after that.
   */
  lateAnswerGraceMs?: number;
}

export type StreamingEndReason = 'leave' | 'abort' | 'expiry';

/**
 * `Symbol.asyncDispose` where the consumer's TypeScript lib declares it (`esnext.disposable`, ES2025, or
 * @types/node), otherwise nothing. The public types must compile under `lib: ["es2022", "dom"]` too, where
 * naming `AsyncDisposable` fails; read through SymbolConstructor, the key simply disappears there.
 */
type AsyncDisposeKey = SymbolConstructor extends { readonly asyncDispose: infer K extends symbol } ? K : never;

/** `[Symbol.asyncDispose]()` (so `await using` works) for consumers whose lib has it. */
export type AsyncDisposableWhereSupported = { [K in AsyncDisposeKey]: () => Promise<void> };

export type StreamingSession = StreamingSessionMethods & AsyncDisposableWhereSupported;

export interface StreamingSessionMethods {
  readonly credentials: StreamingCredentials;
  readonly channel: string;
  /** True once the leave call has succeeded. */
  readonly left: boolean;
  /** Settles with the reason once the session has been left. */
  readonly ended: Promise<StreamingEndReason>;
  /** Replaces the knowledge the avatar answers from (up to 5,000 characters). */
  setContext(text: string, options?: RequestOptions): Promise<void>;
  /** Reads the knowledge text back (an unverified endpoint; see the spec). */
  getContext(options?: RequestOptions): Promise<string | undefined>;
  /** Asks a question; the answer arrives over the Agora data channel (see `createQaAssembler`), not here. */
  ask(text: string, options?: RequestOptions): Promise<void>;
  /** Has the avatar say `text` word for word. */
  speak(text: string, options?: RequestOptions): Promise<void>;
  /** Ends the session and its billing. Idempotent: later calls share the first one's result. */
  leave(): Promise<void>;
}

type Fields = Record<string, unknown>;
const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const CAPACITY = /hosts? (are |is )?(all )?occupied|no (free |available )?hosts?|capacity/i;
/** setTimeout takes at most a signed 32-bit delay; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The docs never show the token answer's body: public clients read the Agora values from `data` or from the
 * top level of the envelope. Both are read, `data` first; anything missing is an InvalidResponseError, since
 * a session we cannot join or leave must not be handed out.
 */
export function credentialsOf(
  body: unknown,
  durationSeconds: number,
  now = Date.now(),
): StreamingCredentials | undefined {
  if (!isObject(body)) return undefined;
  const from = isObject(body.data) ? { ...body, ...body.data } : body;
  const { appId, channel, token, uid } = from;
  if (typeof appId !== 'string' || typeof channel !== 'string' || channel === '' || typeof token !== 'string')
    return undefined;
  if (typeof uid !== 'number' && typeof uid !== 'string') return undefined;
  return { appId, channel, token, uid, expiresAt: new Date(expiryOf(from) ?? now + durationSeconds * 1000) };
}

/** `expire_epoch_timestamp` (seconds, or milliseconds when it is that large) or `expire_date_UTC`, both seen only in client code. */
function expiryOf(fields: Fields): number | undefined {
  const epoch = Number(fields.expire_epoch_timestamp);
  if (fields.expire_epoch_timestamp !== undefined && Number.isFinite(epoch) && epoch > 0)
    return epoch < 1e12 ? epoch * 1000 : epoch;
  const date = typeof fields.expire_date_UTC === 'string' ? Date.parse(fields.expire_date_UTC) : Number.NaN;
  return Number.isNaN(date) ? undefined : date;
}

const LATE = Symbol('late');
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_LATE_ANSWER_GRACE_MS = 30_000;

/** Every channel an answer names (under `data` or at the top level): each may be a billed session to leave. */
export function channelsOf(body: unknown): string[] {
  if (!isObject(body)) return [];
  const found = [body.channel, isObject(body.data) ? body.data.channel : undefined];
  return [...new Set(found.filter((c): c is string => typeof c === 'string' && c !== ''))];
}

/** Leaves each channel; a failure is swallowed here because the caller already has an error to report. */
async function leaveChannels(client: { call: Call }, channels: string[]): Promise<void> {
  await Promise.all(channels.map((channel) => client.call('leaveStreamingAvatarRoom', { channel }).catch(() => {})));
}

/** The race against the caller's clock; the call itself keeps running when the clock wins. */
function deadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  if (!(timeoutMs > 0)) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clock = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(LATE), timeoutMs);
  });
  return Promise.race([work, clock]).finally(() => clearTimeout(timer));
}

/**
 * Opens a session (billing starts) and returns it; see StreamingSession. `onLateAnswer` (for the proxy's slot
 * count) receives the background work that waits for a timed-out token answer and leaves its session.
 */
export async function startStreamingSession(
  client: { call: Call },
  options: StartStreamingOptions,
  onLateAnswer?: (work: Promise<void>) => void,
): Promise<StreamingSession> {
  const { avatarId, durationSeconds, signal } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const graceMs = options.lateAnswerGraceMs ?? DEFAULT_LATE_ANSWER_GRACE_MS;
  if (!Number.isInteger(durationSeconds) || durationSeconds <= 0)
    throw new InvalidRequestError('startStreamingSession: durationSeconds must be a positive integer');
  // The token call runs without the transport's clock (timeoutMs 0), under our own: the transport would throw a
  // late answer away, and a token issued late bills with nobody to leave it. `closing` ends it after the grace.
  // No caller signal either, for the same reason: the answer is always read.
  const closing = new AbortController();
  const input = { avatar_id: avatarId, expire_seconds: durationSeconds };
  const answer = client.call('createStreamingAvatarToken', input, { timeoutMs: 0, signal: closing.signal });
  let result;
  try {
    result = await deadline(answer, timeoutMs);
  } catch (error) {
    if (error === LATE) {
      const late = leaveLateSession(client, answer, graceMs, closing);
      onLateAnswer?.(late);
      throw new APIConnectionTimeoutError(timeoutMs);
    }
    // An error answer that still names a channel may have opened one.
    if (error instanceof APIError) await leaveChannels(client, channelsOf(error.body));
    throw capacityError(error) ?? error;
  }
  const credentials = credentialsOf(result.body, durationSeconds);
  if (!credentials) {
    await leaveChannels(client, channelsOf(result.body));
    const { response } = result;
    throw new InvalidResponseError(
      'createStreamingAvatarToken: the answer has no appId, channel, token and uid (under data or at the top level)',
      response.status,
      response.headers,
      'createStreamingAvatarToken',
    );
  }
  const session = createSession(client, avatarId, credentials, signal);
  if (signal?.aborted) {
    await session.leave();
    throw new APIUserAbortError();
  }
  return session;
}

/** After a timeout: waits up to `graceMs` more for the token answer and leaves whatever session it reports. */
async function leaveLateSession(
  client: { call: Call },
  answer: Promise<{ body: unknown }>,
  graceMs: number,
  closing: AbortController,
) {
  let body: unknown;
  try {
    body = (await deadline(answer, graceMs)).body;
  } catch (error) {
    if (error === LATE) {
      closing.abort();
      answer.catch(() => {});
      return;
    }
    body = error instanceof APIError ? error.body : undefined;
  }
  await leaveChannels(client, channelsOf(body));
}

function capacityError(error: unknown): APIError | undefined {
  if (!(error instanceof APIError)) return undefined;
  const init = {
    status: error.status,
    headers: error.headers,
    body: error.body,
    operationId: error.operationId,
    message: error.message,
  };
  const typed = streamingError(init);
  return typed instanceof StreamingCapacityError ? typed : undefined;
}

/** The error for a failed token answer: StreamingCapacityError when no avatar host is free, else the usual APIError class. */
export function streamingError(init: APIErrorInit): APIError {
  const body = isObject(init.body) ? init.body : {};
  const msg = String(body.msg ?? body.message ?? '');
  if (init.status === 200 && (body.code === 1001 || CAPACITY.test(msg))) return new StreamingCapacityError(init);
  return APIError.generate(init);
}

function createSession(
  client: { call: Call },
  avatarId: string,
  credentials: StreamingCredentials,
  signal: AbortSignal | undefined,
): StreamingSession {
  const { channel } = credentials;
  let leaving: Promise<void> | undefined;
  let left = false;
  let reason: StreamingEndReason = 'leave';
  let settle!: (reason: StreamingEndReason) => void;
  const ended = new Promise<StreamingEndReason>((ok) => {
    settle = ok;
  });

  const onAbort = () => {
    reason = 'abort';
    void leave().catch(() => {});
  };
  const timer = setTimeout(
    () => {
      reason = 'expiry';
      void leave().catch(() => {});
    },
    Math.min(MAX_TIMER_MS, Math.max(0, credentials.expiresAt.getTime() - Date.now())),
  );
  // A server process must not be kept alive just to leave a session that A2E ends at that moment anyway.
  (timer as { unref?: () => void }).unref?.();
  signal?.addEventListener('abort', onAbort, { once: true });

  function leave(): Promise<void> {
    leaving ??= client.call('leaveStreamingAvatarRoom', { channel }).then(
      () => {
        left = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        settle(reason);
      },
      (error: unknown) => {
        // A failed leave leaves the meter running: the next leave() must try again, not reuse the failure.
        leaving = undefined;
        throw error;
      },
    );
    return leaving;
  }

  const live = (what: string) => {
    if (leaving || left)
      throw new InvalidRequestError(`${what}: the streaming session on channel ${channel} has been left`);
  };
  const send = async (
    operationId: 'setStreamingAvatarQaContext' | 'askStreamingAvatar' | 'speakStreamingAvatar',
    text: string,
    options?: RequestOptions,
  ) => {
    live(operationId);
    await client.call(operationId, { channel, text }, options);
  };

  return {
    credentials,
    channel,
    get left() {
      return left;
    },
    ended,
    setContext: (text, options) => send('setStreamingAvatarQaContext', text, options),
    ask: (text, options) => send('askStreamingAvatar', text, options),
    speak: (text, options) => send('speakStreamingAvatar', text, options),
    async getContext(options) {
      live('getStreamingAvatarQaContext');
      // The one client that uses this path keys it on avatar_id while every documented sibling uses channel: send both.
      const { data } = await client.call(
        'getStreamingAvatarQaContext',
        { avatar_id: avatarId, channel } as { avatar_id: string },
        options,
      );
      return isObject(data) && typeof data.context === 'string' ? data.context : undefined;
    },
    leave,
    [Symbol.asyncDispose]: leave,
  };
}
