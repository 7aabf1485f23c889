// Calls one operation by its operationId: the hot path of every named method, kept close to a bare
// `fetch(url, init)` (no Request or Headers objects, no middleware chain).
import { entries, familyOfStart } from '../internal/table.js';
import { checkHeaders, fillPath, toQuery } from '../internal/url.js';
import type { OperationBody, OperationData, OperationId, OperationInput, RequestOptions } from '../types.js';
import { guard } from './budget.js';
import { APIError, InvalidRequestError, InvalidResponseError } from './errors.js';
import { webhookFields, type WebhookTarget } from './webhooks.js';
import type { OperationKind } from './retry.js';
import type { Send } from './transport.js';

export interface CallResult<K extends OperationId> {
  /** The envelope's `data`. */
  data: OperationData<K>;
  /** The whole parsed body, envelope included. */
  body: OperationBody<K>;
  /** The raw response (its body already read). */
  response: Response;
}

export type Call = <K extends OperationId>(operationId: K, input?: OperationInput<K>, options?: RequestOptions) => Promise<CallResult<K>>;

export interface CallContext {
  baseUrl: string;
  headers: Record<string, string>;
  send: Send;
  redact: <T>(value: T) => T;
  /** Default spending limit for job starts (see budget.ts). */
  maxCredits?: number | undefined;
  /** Records every job start before it is sent and closes it with the answer (lib/tracker/ledger.ts). */
  ledger?: {
    begin(operationId: string, body: Record<string, unknown>): Promise<string>;
    end(key: string, outcome: { data: unknown } | { error: unknown }): Promise<void>;
  } | undefined;
}

/** How one operation turns a flat input into a request; worked out once per operation, on first use. */
interface Plan { method: string; kind: OperationKind; template: string; pathNames: string[]; queryNames: readonly string[] | undefined; sendsBody: boolean }
const plans = new Map<string, Plan>();

function planOf(operationId: string): Plan {
  let plan = plans.get(operationId);
  if (!plan) {
    const entry = entries.get(operationId);
    if (!entry) throw new InvalidRequestError(`Unknown operation "${operationId}"`);
    const [method, template, kind, queryNames, sendsBody = method !== 'GET' && method !== 'DELETE'] = entry;
    const pathNames = Array.from(template.matchAll(/\{([^}]+)\}/g), (m) => m[1]!);
    plans.set(operationId, (plan = { method, kind, template, pathNames, queryNames: queryNames ?? undefined, sendsBody }));
  }
  return plan;
}

export function createCall({ baseUrl, headers, send, redact, maxCredits, ledger }: CallContext): Call {
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  return async function call<K extends OperationId>(operationId: K, input?: OperationInput<K>, options: RequestOptions = {}): Promise<CallResult<K>> {
    const { method, kind, template, pathNames, queryNames, sendsBody } = planOf(operationId);
    const fields: Record<string, unknown> = { ...(input as Record<string, unknown> | undefined) };
    let path = template;
    if (pathNames.length) {
      path = fillPath(template, fields);
      for (const name of pathNames) delete fields[name];
    }
    let query = fields;
    const init: RequestInit = { method, headers: sendsBody ? jsonHeaders : headers };
    if (sendsBody) {
      query = {};
      if (queryNames) for (const name of queryNames) if (name in fields) { query[name] = fields[name]; delete fields[name]; }
      if (fields.webhook) {
        Object.assign(fields, webhookFields(operationId, fields.webhook as WebhookTarget));
        delete fields.webhook;
      }
      const limit = options.maxCredits ?? maxCredits;
      if (limit !== undefined && familyOfStart.has(operationId)) await guard(call, operationId, fields, limit, { signal: options.signal });
      init.body = JSON.stringify(fields);
    }
    if (options.headers) {
      checkHeaders(options.headers, operationId);
      init.headers = { ...init.headers, ...options.headers };
    }
    const url = baseUrl + path + toQuery(query);
    const ctx = { kind, operationId, signal: options.signal, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
    if (!ledger || !familyOfStart.has(operationId)) return answer<K>(operationId, await send(url, init, ctx));
    // A paid start: in the ledger just before it leaves (after the quote guard), closed with its answer.
    // A crash in between leaves it "maybe submitted", which is never resent blindly.
    const key = await ledger.begin(operationId, fields);
    let result: CallResult<K>;
    try {
      result = answer<K>(operationId, await send(url, init, ctx));
    } catch (error) {
      await ledger.end(key, { error });
      throw error;
    }
    await ledger.end(key, { data: result.data });
    return result;
  };

  /** The envelope's `data`, or the typed error the answer stands for. */
  function answer<K extends OperationId>(operationId: K, { response, text }: { response: Response; text: string }): CallResult<K> {
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Everything from the answer that goes into an error is redacted: a server may echo the key in
      // any header, even the content-type quoted in the message.
      const type = redact(response.headers.get('content-type') ?? 'no content-type');
      if (!response.ok) throw APIError.generate({ status: response.status, headers: redact(response.headers), body: undefined, operationId, message: `${operationId} failed: HTTP ${response.status} with a body that is not JSON (${type})` });
      throw new InvalidResponseError(`${operationId}: the answer is not JSON (${type}, ${text.length} bytes)`, response.status, redact(response.headers), operationId);
    }
    // Only what goes into an error is redacted: a success body is the caller's own data, left untouched.
    if (!response.ok) throw APIError.generate({ status: response.status, headers: redact(response.headers), body: redact(parsed), operationId });
    const code = (parsed as { code?: unknown } | null)?.code;
    if (typeof code !== 'number' && typeof code !== 'string') {
      throw new InvalidResponseError(`${operationId}: the answer is not the A2E envelope (no code)`, response.status, redact(response.headers), operationId);
    }
    if (code !== 0) throw APIError.generate({ status: response.status, headers: redact(response.headers), body: redact(parsed), operationId });
    return { data: (parsed as { data: OperationData<K> }).data, body: parsed as OperationBody<K>, response };
  }
}
