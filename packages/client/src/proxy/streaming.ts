// The streaming routes of createA2EProxy. A browser may start a session and then ask, speak, set the
// context and leave — but only on a channel this proxy started, and only with the secret it handed out
// at start. The secret travels in the JSON body (never a header), so `navigator.sendBeacon` can leave on
// page hide; a guessed or foreign channel is refused before anything reaches A2E.
import { createA2EClient } from '../client.js';
import { APIConnectionTimeoutError, APIError, InvalidRequestError } from '../core/errors.js';
import { startStreamingSession, type StreamingSession } from '../lib/streaming/session.js';
import { constantTimeEqual } from '../lib/webhooks.js';
import { createSharedSessions } from '../lib/shared-sessions/index.js';
import { errorResponse, jsonResponse } from '../internal/responses.js';
import type { SessionStore } from '../lib/tracker/store.js';

export interface StreamingProxyOptions {
  /** Longest session a browser may open, in seconds (it sets the price). Default 600. */
  maxDurationSeconds?: number;
  /** Avatars a browser may open a session with. Default: any. */
  avatarIds?: readonly string[];
  /**
   * Most sessions open at once through this proxy. Default 100. A start holds its slot from before the
   * token call (given back if it fails); a session holds it until A2E has confirmed its leave.
   */
  maxSessions?: number;
  /**
   * After a token call times out (the proxy's `timeoutMs`), how long its answer is still awaited, in ms, so
   * that a session A2E opened anyway is left. Default 30000 (see `startStreamingSession`).
   */
  lateAnswerGraceMs?: number;
  /**
   * Keeps sessions in a store shared by several proxy processes (e.g. `RedisSessionStore` of
   * @a2e-sdk/redis): any of them serves a session another opened, and `maxSessions` holds across all.
   * Default: this process's memory only.
   */
  sessionStore?: SessionStore;
}

const PREFIX = '/api/v1/streaming-avatar/';
/** The session routes; the context read is keyed on avatar_id, not on a session, so it stays server-side only. */
const ACTIONS = {
  'agora-token': 'start',
  'set-qa-context': 'setContext',
  ask: 'ask',
  speak: 'speak',
  leave: 'leave',
  get_qa_context: 'refuse',
} as const;
type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

interface Entry {
  session: StreamingSession;
  secret: string;
}

// A session's answers carry its secret or its state: never cached.
const NO_STORE = { 'cache-control': 'no-store' };
const json = (status: number, body: unknown) => jsonResponse(status, body, NO_STORE);
const fail = (status: number, msg: string) => errorResponse(status, msg, NO_STORE);

function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Which streaming action a proxied path is, if any. */
export function streamingAction(path: string): Action | undefined {
  return path.startsWith(PREFIX) ? ACTIONS[path.slice(PREFIX.length) as keyof typeof ACTIONS] : undefined;
}

interface Upstream {
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export function createStreamingRoutes(upstream: Upstream, options: StreamingProxyOptions = {}) {
  const { maxDurationSeconds = 600, avatarIds, maxSessions = 100, lateAnswerGraceMs } = options;
  // Through the proxy nothing is replayed: a retried token call could open (and bill) a second session.
  const client = createA2EClient({ ...upstream, maxRetries: 0 });
  const sessions = new Map<string, Entry>();
  /** Starts whose token call is under way: they hold a slot, so concurrent starts cannot pass the cap together. */
  let starting = 0;
  const shared =
    options.sessionStore &&
    createSharedSessions(options.sessionStore, client.call, maxSessions, (c) => sessions.get(c)?.session);

  // A2E bills a session until it is left, expired or not: an expired session that is still open (its own
  // leave at expiry failed) is left again here and keeps its slot until A2E confirms.
  const sweep = () => {
    for (const [channel, { session }] of sessions) {
      if (session.left) sessions.delete(channel);
      else if (session.credentials.expiresAt.getTime() <= Date.now()) {
        void session.leave().then(
          () => sessions.delete(channel),
          () => {},
        );
      }
    }
  };

  async function start(body: Record<string, unknown>): Promise<Response> {
    const avatarId = body.avatar_id;
    const seconds = body.expire_seconds ?? maxDurationSeconds;
    if (typeof avatarId !== 'string' || avatarId === '') return fail(400, 'avatar_id is required');
    if (avatarIds && !avatarIds.includes(avatarId)) return fail(403, 'This avatar is not offered here');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0 || seconds > maxDurationSeconds)
      return fail(400, `expire_seconds must be a whole number from 1 to ${maxDurationSeconds}`);
    sweep();
    // Shared: a store slot, taken atomically across processes. Alone: counted and taken in one synchronous
    // step, so no other start runs between the check and the increment.
    const slot = shared && (await shared.sweep(), await shared.reserve(seconds));
    if (shared ? !slot : sessions.size + starting >= maxSessions) return fail(429, 'Too many streaming sessions open');
    starting++;
    // A timed-out start keeps its slot while its late answer is awaited: A2E may have opened that session.
    let late: Promise<void> | undefined;
    let session: StreamingSession;
    try {
      const grace = lateAnswerGraceMs !== undefined ? { lateAnswerGraceMs } : {};
      const opts = { avatarId, durationSeconds: seconds, timeoutMs: upstream.timeoutMs, ...grace };
      session = await startStreamingSession(client, opts, (work) => {
        late = work;
      });
    } catch (error) {
      if (slot) void (late ?? Promise.resolve()).finally(() => shared!.release(slot)).catch(() => {});
      throw error;
    } finally {
      if (late)
        void late.finally(() => {
          starting--;
        });
      else starting--;
    }
    const secret = newSecret();
    sessions.set(session.channel, { session, secret });
    if (slot) await shared!.register(session, secret, avatarId, slot);
    const { appId, channel, token, uid, expiresAt } = session.credentials;
    return json(200, {
      code: 0,
      data: { appId, channel, token, uid, expiresAt: expiresAt.toISOString(), session_secret: secret },
    });
  }

  return async function streamingRoute(
    action: Action,
    request: Request,
    body: Uint8Array | undefined,
  ): Promise<Response> {
    if (action === 'refuse') return fail(403, 'Reading the QA context is server-side only');
    let fields: Record<string, unknown>;
    try {
      // sendBeacon posts text/plain: the body is read as JSON whatever the content type says.
      const parsed: unknown = JSON.parse(new TextDecoder().decode(body ?? new Uint8Array(0)));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('not an object');
      fields = parsed as Record<string, unknown>;
    } catch {
      return fail(400, 'The body must be a JSON object');
    }
    try {
      if (action === 'start') return await start(fields);
      const channel = typeof fields.channel === 'string' ? fields.channel : undefined;
      // Shared: the store's record is the truth, whichever process opened the session.
      const record = shared && channel !== undefined ? await shared.find(channel) : undefined;
      const entry = shared ? record : channel !== undefined ? sessions.get(channel) : undefined;
      // One answer for an unknown channel and a wrong secret: a caller learns nothing about other sessions.
      // Shared: the store keeps only the secret's digest, so the given secret is compared as a digest too.
      const given =
        typeof fields.session_secret !== 'string'
          ? undefined
          : record
            ? await shared!.digest(fields.session_secret)
            : fields.session_secret;
      const kept = record ? record.secretHash : (entry as Entry | undefined)?.secret;
      if (!entry || given === undefined || kept === undefined || !constantTimeEqual(given, kept))
        return fail(403, 'Not a session of this browser');
      if (action === 'leave') {
        await (record ? shared!.leave(record) : (entry as Entry).session.leave());
        return json(200, { code: 0, data: {} });
      }
      if (typeof fields.text !== 'string' || fields.text === '') return fail(400, 'text is required');
      await (record
        ? shared!.act(record, action, fields.text, request.signal)
        : (entry as Entry).session[action](fields.text, { signal: request.signal }));
      return json(200, { code: 0, data: {} });
    } catch (error) {
      // APIError bodies are already redacted by the client; the key is in none of them.
      // A non-zero code keeps A2E's HTTP 200, as a direct call would (1001: no free avatar host).
      if (error instanceof APIError)
        return json(error.status, error.body ?? { code: error.status, msg: error.message });
      if (error instanceof InvalidRequestError) return fail(409, error.message);
      if (error instanceof APIConnectionTimeoutError) return fail(504, 'A2E did not answer in time');
      // Other causes may quote the upstream URL: the caller learns only that A2E was not reached.
      return fail(502, 'A2E could not be reached');
    }
  };
}
