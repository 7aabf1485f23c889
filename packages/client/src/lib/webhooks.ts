// Webhooks. A job start given `webhook: { url, token }` sends A2E `webhook_url` (with `a2e_family=<job
// family>` added to its query, so the receiver knows which status operation to read) and
// `webhook_token`. A2E calls the URL once, with no retries, when the job ends, and returns the token in
// the `X-A2e-Webhook-Token` header. Its payload is not documented, so the receiver keeps whatever shape
// arrives and `fetchRecord()` re-reads the job — the detail operation is the source of truth.
import { jobs } from '../generated/api.gen.js';
import type { JobFamily } from '../types.js';
import { A2EError } from '../core/errors.js';
import { familyOfStart } from '../internal/table.js';
import { jsonResponse } from '../internal/responses.js';
import { readJob } from './jobs.js';
import type { Call } from '../core/call.js';
import type { JobStore } from './tracker/store.js';
import { recordDelivery } from './tracker/webhook-store.js';

export interface WebhookTarget {
  /** Where A2E calls when the job ends (max 2,048 characters). */
  url: string;
  /** Secret A2E sends back in `X-A2e-Webhook-Token` (max 256 characters). */
  token?: string;
}

export const TOKEN_HEADER = 'x-a2e-webhook-token';
export const FAMILY_PARAM = 'a2e_family';

/** The body fields for a job start's `webhook` option. */
export function webhookFields(
  operationId: string,
  target: WebhookTarget,
): { webhook_url: string; webhook_token?: string } {
  const family = familyOfStart.get(operationId);
  let url = target.url;
  if (family) url += `${url.includes('?') ? '&' : '?'}${FAMILY_PARAM}=${encodeURIComponent(family)}`;
  return target.token === undefined ? { webhook_url: url } : { webhook_url: url, webhook_token: target.token };
}

/**
 * Compares without an early exit, so the time taken does not reveal how much of a guess was right.
 * `b` is the secret: the loop runs over its length only, so a guess of another length does not change
 * how long the comparison takes either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < y.length; i++) diff |= (x.length === 0 ? 0 : x[i % x.length]!) ^ y[i]!;
  return diff === 0 && x.length === y.length;
}

/** Default `maxBodyBytes`: far above any job-end payload, far below what could hurt the server. */
export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** Why `fetchRecord()` cannot read the job, or the receiver was set up wrong (no token, a bad limit). */
export class WebhookError extends A2EError {
  override name = 'WebhookError';
  constructor(
    message: string,
    readonly reason: 'invalid-option' | 'no-client' | 'no-family' | 'no-id',
  ) {
    super(message);
  }
}

export interface WebhookOptions {
  /** The secret given as `webhook.token` when the job was started. */
  token: string;
  /** The client `fetchRecord()` reads the job with. */
  client?: { call: Call };
  /**
   * A body longer than this is answered 413 and not processed; reading stops at the limit (a longer
   * Content-Length is refused before reading). Default 1 MiB (`DEFAULT_WEBHOOK_MAX_BODY_BYTES`).
   */
  maxBodyBytes?: number;
  /**
   * Records each delivery in the store: a repeat (seen by any instance on the store) is marked
   * `duplicate`, and a first one has the waiters of that job read it at once, in every instance.
   */
  store?: JobStore;
}

export interface A2EWebhookEvent {
  /** `task.completed` / `task.failed` as A2E names them, when the payload says; else derived from the status. */
  type: string | undefined;
  family: JobFamily | undefined;
  /** The job id, as far as the payload shows it (a string or a number there; anything else is no id). */
  id: string | undefined;
  status: string | undefined;
  /** The payload as received (parsed JSON, or the raw text). */
  payload: unknown;
  /** Same for a repeated delivery of the same event: use it to process each event once. */
  key: string;
  /** With a `store`: this event was delivered before (to any instance); process it once. */
  duplicate?: boolean;
  /** Reads the job's record through the client (needs `client` in the handler options and a known family and id). */
  fetchRecord(): Promise<unknown>;
}

/** Why a delivery was refused: a missing/wrong token (401), a body over `maxBodyBytes` (413), not UTF-8 (400). */
export type WebhookRefusal = 'unauthorized' | 'too-large' | 'invalid-body';

export type WebhookResult =
  | { ok: true; event: A2EWebhookEvent; response: Response }
  | { ok: false; reason: WebhookRefusal; response: Response };

/** The first of `paths` that holds a value `accept` takes, reading own properties of objects only. */
function pick<T>(payload: unknown, paths: string[], accept: (v: unknown) => v is T): T | undefined {
  for (const path of paths) {
    let v: unknown = payload;
    for (const k of path.split('.')) {
      const own = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, k);
      v = own ? (v as Record<string, unknown>)[k] : undefined;
    }
    if (accept(v)) return v;
  }
  return undefined;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
// A number id is taken as A2E wrote it; an object, array or boolean is no id (it would print as `[object Object]`).
const isId = (v: unknown): v is string | number => isText(v) || (typeof v === 'number' && Number.isFinite(v));

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const refuse = (reason: WebhookRefusal, status: number): WebhookResult => ({
  ok: false,
  reason,
  response: jsonResponse(status, { ok: false }),
});

/** The body's bytes, or undefined once it passes `limit` (reading stops there and the stream is cancelled). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > limit) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Checks and reads one webhook delivery (fetch-standard: Next.js route handlers, Hono, Workers; Node
 * `http`/Express through `@a2e-sdk/client/node`). A missing or wrong token is answered 401, a body over
 * `maxBodyBytes` 413, a body that is not UTF-8 400, and then nothing else happens. Send
 * `result.response` back either way.
 */
export async function handleA2EWebhook(request: Request, options: WebhookOptions): Promise<WebhookResult> {
  if (!options.token) {
    throw new WebhookError('handleA2EWebhook needs the token you gave as webhook.token', 'invalid-option');
  }
  const limit = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  // NaN would make every size comparison false, that is, no limit at all.
  if (typeof limit !== 'number' || !(limit >= 0)) {
    throw new WebhookError(`maxBodyBytes must be a number of bytes, got ${String(limit)}`, 'invalid-option');
  }
  // A repeated header arrives joined (`a, b`) and so never equals the token: refused, not guessed at.
  const given = request.headers.get(TOKEN_HEADER) ?? '';
  if (!constantTimeEqual(given, options.token)) return refuse('unauthorized', 401);

  const bytes = await readLimited(request, limit);
  if (!bytes) return refuse('too-large', 413);
  let text: string;
  try {
    // JSON is UTF-8; a body that is not would reach the application altered, so it is refused whole.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('invalid-body', 400);
  }
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    /* keep the raw text: the format is not documented */
  }
  const familyName = new URL(request.url).searchParams.get(FAMILY_PARAM) ?? undefined;
  // Own entries only: `constructor` or `__proto__` in the URL must not reach Object.prototype.
  const family = familyName !== undefined && Object.hasOwn(jobs, familyName) ? (familyName as JobFamily) : undefined;
  const statusField = family ? jobs[family].statusField : 'current_status';
  const status = pick(payload, [statusField, `data.${statusField}`, 'status', 'data.status', 'current_status'], isText);
  const idPaths = ['_id', 'id', 'task_id', 'data._id', 'data.id', 'data.task_id', 'task._id', 'task.id'];
  const rawId = pick(payload, idPaths, isId);
  const id = rawId === undefined ? undefined : String(rawId);
  let type = pick(payload, ['event', 'type', 'event_type', 'data.event'], isText);
  if (!type?.startsWith('task.') && family && status) {
    const { success, failure } = jobs[family] as { success: readonly string[]; failure: readonly string[] };
    type = success.includes(status) ? 'task.completed' : failure.includes(status) ? 'task.failed' : type;
  }
  // Parts are encoded so that an id or a type holding `:` cannot make two events share a key.
  const part = (v: string) => encodeURIComponent(v);
  const key =
    id !== undefined
      ? `${part(family ?? 'unknown')}:${part(id)}:${part(type ?? status ?? 'event')}`
      : `sha256:${await sha256(bytes)}`;
  const event: A2EWebhookEvent = {
    type,
    family,
    id,
    status,
    payload,
    key,
    fetchRecord: async () => {
      if (!options.client) throw new WebhookError('fetchRecord needs `client` in the handler options', 'no-client');
      if (!family) throw new WebhookError('fetchRecord needs the job family (a2e_family in its URL)', 'no-family');
      if (id === undefined) throw new WebhookError('fetchRecord needs the job id, and the payload names none', 'no-id');
      return readJob(options.client.call, family, id);
    },
  };
  if (options.store) event.duplicate = await recordDelivery(options.store, event);
  return { ok: true, event, response: jsonResponse(200, { ok: true }) };
}
