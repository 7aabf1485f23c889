// Webhooks. A job start given `webhook: { url, token }` sends A2E `webhook_url` (with `a2e_family=<job
// family>` added to its query, so the receiver knows which status operation to read) and
// `webhook_token`. A2E calls the URL once, with no retries, when the job ends, and returns the token in
// the `X-A2e-Webhook-Token` header. Its payload is not documented, so the receiver keeps whatever shape
// arrives and `fetchRecord()` re-reads the job — the detail operation is the source of truth.
import { jobs } from '../generated/api.gen.js';
import type { JobFamily } from '../types.js';
import { A2EError } from './errors.js';
import { familyOfStart } from '../internal/table.js';
import { readJob } from './jobs.js';
import type { Call } from './call.js';

export interface WebhookTarget {
  /** Where A2E calls when the job ends (max 2,048 characters). */
  url: string;
  /** Secret A2E sends back in `X-A2e-Webhook-Token` (max 256 characters). */
  token?: string;
}

export const TOKEN_HEADER = 'x-a2e-webhook-token';
export const FAMILY_PARAM = 'a2e_family';


/** The body fields for a job start's `webhook` option. */
export function webhookFields(operationId: string, target: WebhookTarget): { webhook_url: string; webhook_token?: string } {
  const family = familyOfStart.get(operationId);
  let url = target.url;
  if (family) url += `${url.includes('?') ? '&' : '?'}${FAMILY_PARAM}=${encodeURIComponent(family)}`;
  return target.token === undefined ? { webhook_url: url } : { webhook_url: url, webhook_token: target.token };
}

/** Compares without an early exit, so the time taken does not reveal how much of a guess was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.max(x.length, y.length, 1);
  let diff = x.length ^ y.length;
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export interface A2EWebhookEvent {
  /** `task.completed` / `task.failed` as A2E names them, when the payload says; else derived from the status. */
  type: string | undefined;
  family: JobFamily | undefined;
  /** The job id, as far as the payload shows it. */
  id: string | undefined;
  status: string | undefined;
  /** The payload as received (parsed JSON, or the raw text). */
  payload: unknown;
  /** Same for a repeated delivery of the same event: use it to process each event once. */
  key: string;
  /** Reads the job's record through the client (needs `client` in the handler options and a known family and id). */
  fetchRecord(): Promise<unknown>;
}

export type WebhookResult = { ok: true; event: A2EWebhookEvent; response: Response } | { ok: false; response: Response };

const pick = (o: unknown, names: string[]): unknown => {
  for (const n of names) {
    const v = n.split('.').reduce<unknown>((acc, k) => (acc as Record<string, unknown> | null)?.[k], o);
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
};

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const reply = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Checks and reads one webhook delivery (fetch-standard: Next.js route handlers, Hono, Workers; Node
 * `http`/Express through `@a2e-sdk/client/node`). A missing or wrong token is answered 401 and
 * nothing else happens. Send `result.response` back either way.
 */
export async function handleA2EWebhook(request: Request, options: { token: string; client?: { call: Call } }): Promise<WebhookResult> {
  if (!options.token) throw new A2EError('handleA2EWebhook needs the token you gave as webhook.token');
  const given = request.headers.get(TOKEN_HEADER) ?? '';
  if (!constantTimeEqual(given, options.token)) return { ok: false, response: reply(401, { ok: false }) };

  const text = await request.text();
  let payload: unknown = text;
  try { payload = JSON.parse(text); } catch { /* keep the raw text: the format is not documented */ }
  const familyName = new URL(request.url).searchParams.get(FAMILY_PARAM) ?? undefined;
  const family = familyName && familyName in jobs ? (familyName as JobFamily) : undefined;
  const statusField = family ? jobs[family].statusField : 'current_status';
  const status = pick(payload, [statusField, `data.${statusField}`, 'status', 'data.status', 'current_status']) as string | undefined;
  const id = pick(payload, ['_id', 'id', 'task_id', 'data._id', 'data.id', 'data.task_id', 'task._id', 'task.id']) as string | undefined;
  let type = pick(payload, ['event', 'type', 'event_type', 'data.event']) as string | undefined;
  if (!type?.startsWith('task.') && family && status) {
    type = (jobs[family].success as readonly string[]).includes(status) ? 'task.completed' : (jobs[family].failure as readonly string[]).includes(status) ? 'task.failed' : type;
  }
  const key = id ? `${family ?? 'unknown'}:${id}:${type ?? status ?? 'event'}` : `sha256:${await sha256(text)}`;
  const event: A2EWebhookEvent = {
    type, family, id: id === undefined ? undefined : String(id), status, payload, key,
    fetchRecord: () => {
      if (!options.client) return Promise.reject(new A2EError('fetchRecord needs `client` in the handler options'));
      if (!family || id === undefined) return Promise.reject(new A2EError('fetchRecord needs the job family (from the webhook URL) and the job id (from the payload)'));
      return readJob(options.client.call, family, String(id));
    },
  };
  return { ok: true, event, response: reply(200, { ok: true }) };
}
