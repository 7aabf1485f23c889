// The request pipeline: turns one operation's route and flat input into a request, runs the
// before-send steps, sends it and reads the A2E envelope. The hot path of every named method and every
// per-operation function, kept close to a bare `fetch(url, init)` (no Request or Headers objects, no
// middleware chain). It imports no workflow and no operation table: the caller hands it each route, and
// workflows (the spending guard, webhook fields) come in as before-send steps.
import { checkHeaders, fillPath, toQuery } from '../internal/url.js';
import type { Send } from '../internal/transport.js';
import type {
  OperationArgs,
  OperationBody,
  OperationData,
  OperationId,
  OperationInput,
  RequestOptions,
} from '../types.js';
import { APIError, InvalidResponseError } from './errors.js';
import type { OperationKind } from './retry.js';

export interface CallResult<K extends OperationId> {
  /** The envelope's `data`. */
  data: OperationData<K>;
  /** The whole parsed body, envelope included. */
  body: OperationBody<K>;
  /** The raw response (its body already read). */
  response: Response;
}

/** How one operation is sent: the generated table's entry for it. */
export interface Route {
  method: string;
  /** The path template, `{name}` for each path parameter. */
  path: string;
  kind: OperationKind;
  /** For a method with a body: the input fields that go to the query string instead. */
  query?: readonly string[];
  /** `false` for a POST/PUT that declares no body (it must send none). */
  body?: boolean;
}

export type Call = <K extends OperationId>(
  operationId: K,
  input?: OperationInput<K>,
  options?: RequestOptions,
) => Promise<CallResult<K>>;

/** Sends one operation by its route (what the per-operation functions call). */
export type Invoke = <K extends OperationId>(
  operationId: K,
  route: Route,
  input?: OperationInput<K>,
  options?: RequestOptions,
) => Promise<CallResult<K>>;

/** What a before-send step sees: it may change `fields` (the body) or throw to stop the request. */
export interface BeforeSendContext {
  operationId: string;
  route: Route;
  /** The body fields, path and query parameters already taken out. */
  fields: Record<string, unknown>;
  options: RequestOptions;
  /** The pipeline itself, for a step that needs a request of its own (the spending guard's quote). */
  invoke: Invoke;
}

/** Runs before a request with a body is sent, in order. */
export type BeforeSend = (context: BeforeSendContext) => void | Promise<void>;

/**
 * Opens a record just before a request with a body leaves and closes it with the answer, so a process
 * that dies in between leaves an open record (the client's ledger of paid starts, lib/tracker/ledger.ts).
 * `begin` gives no key for a request it does not record.
 */
export interface SendRecorder {
  begin(operationId: string, body: Record<string, unknown>): Promise<string | undefined> | undefined;
  end(key: string, outcome: { data: unknown } | { error: unknown }): Promise<void>;
}

export interface PipelineContext {
  baseUrl: string;
  headers: Record<string, string>;
  send: Send;
  redact: <T>(value: T) => T;
  /** Steps run before every request that sends a body (job starts among them). */
  beforeSend?: readonly BeforeSend[] | undefined;
  /** Records requests with a body around their sending (the client's ledger of paid starts). */
  recorder?: SendRecorder | undefined;
}

/** A client or a lean core: anything with the pipeline's `invoke`. */
export interface Invoker {
  /** Sends one operation by its route; the per-operation functions go through it. */
  invoke: Invoke;
}

/** A per-operation function: `getDubbing(a2e, { _id })` with a client or a lean core as `a2e`. */
export type OperationFn<K extends OperationId> = (
  target: Invoker,
  ...args: OperationArgs<K>
) => Promise<OperationData<K>>;

/** Builds one per-operation function (used by the generated `fns.gen.ts`, one pure call per export). */
export function operation<K extends OperationId>(operationId: K, route: Route): OperationFn<K> {
  return (target, input?, options?) =>
    target.invoke(operationId, route, input as OperationInput<K>, options).then((r) => r.data);
}

/** How a route turns a flat input into a request; worked out once per route object, on first use. */
interface Plan {
  pathNames: string[];
  sendsBody: boolean;
}
const plans = new WeakMap<Route, Plan>();

function planOf(route: Route): Plan {
  let plan = plans.get(route);
  if (!plan) {
    const pathNames = Array.from(route.path.matchAll(/\{([^}]+)\}/g), (m) => m[1]!);
    const sendsBody = route.body ?? (route.method !== 'GET' && route.method !== 'DELETE');
    plans.set(route, (plan = { pathNames, sendsBody }));
  }
  return plan;
}

export function createPipeline({ baseUrl, headers, send, redact, beforeSend = [], recorder }: PipelineContext): Invoke {
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  return async function invoke<K extends OperationId>(
    operationId: K,
    route: Route,
    input?: OperationInput<K>,
    options: RequestOptions = {},
  ): Promise<CallResult<K>> {
    const { method, kind, path: template, query: queryNames } = route;
    const { pathNames, sendsBody } = planOf(route);
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
      if (queryNames)
        for (const name of queryNames)
          if (name in fields) {
            query[name] = fields[name];
            delete fields[name];
          }
      for (const step of beforeSend) await step({ operationId, route, fields, options, invoke });
      init.body = JSON.stringify(fields);
    }
    if (options.headers) {
      checkHeaders(options.headers, operationId);
      init.headers = { ...init.headers, ...options.headers };
    }
    const url = baseUrl + path + toQuery(query);
    const ctx = {
      kind,
      operationId,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
    };
    // Recorded just before it leaves (after the before-send steps), closed with its answer: a crash in
    // between leaves the record open ("maybe submitted" for a paid start, never resent blindly).
    const key = sendsBody && recorder ? await recorder.begin(operationId, fields) : undefined;
    if (key === undefined) return answer<K>(operationId, await send(url, init, ctx));
    let result: CallResult<K>;
    try {
      result = answer<K>(operationId, await send(url, init, ctx));
    } catch (error) {
      await recorder!.end(key, { error });
      throw error;
    }
    await recorder!.end(key, { data: result.data });
    return result;
  };

  /** The envelope's `data`, or the typed error the answer stands for. */
  function answer<K extends OperationId>(
    operationId: K,
    { response, text }: { response: Response; text: string },
  ): CallResult<K> {
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Everything from the answer that goes into an error is redacted: a server may echo the key in
      // any header, even the content-type quoted in the message.
      const type = redact(response.headers.get('content-type') ?? 'no content-type');
      if (!response.ok)
        throw APIError.generate({
          status: response.status,
          headers: redact(response.headers),
          body: undefined,
          operationId,
          message: `${operationId} failed: HTTP ${response.status} with a body that is not JSON (${type})`,
        });
      throw new InvalidResponseError(
        `${operationId}: the answer is not JSON (${type}, ${text.length} bytes)`,
        response.status,
        redact(response.headers),
        operationId,
      );
    }
    // Only what goes into an error is redacted: a success body is the caller's own data, left untouched.
    if (!response.ok)
      throw APIError.generate({
        status: response.status,
        headers: redact(response.headers),
        body: redact(parsed),
        operationId,
      });
    const code = (parsed as { code?: unknown } | null)?.code;
    if (typeof code !== 'number' && typeof code !== 'string') {
      throw new InvalidResponseError(
        `${operationId}: the answer is not the A2E envelope (no code)`,
        response.status,
        redact(response.headers),
        operationId,
      );
    }
    if (code !== 0)
      throw APIError.generate({
        status: response.status,
        headers: redact(response.headers),
        body: redact(parsed),
        operationId,
      });
    return { data: (parsed as { data: OperationData<K> }).data, body: parsed as OperationBody<K>, response };
  }
}
