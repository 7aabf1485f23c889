// One HTTP exchange of the kit: a vector's request sent with plain fetch. No SDK client on purpose: the kit
// tests a server (or a gateway), so nothing between it and the wire may retry, unwrap or repair answers.
import type { OperationVector } from './load.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json?: unknown;
  ms: number;
}

export interface SendOptions {
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when the vector needs a token; `null` sends none (a negative case). */
  apiKey: string | null;
  timeoutMs: number;
  /** Values that replace the vector's example ones, by input name (ids the target created). */
  values?: Record<string, unknown>;
  /** A required body field to leave out (a negative case). */
  dropField?: string;
  headers?: Record<string, string>;
}

/** Query values as the vectors' README states: booleans as `true`/`false`, arrays repeat the key. */
function queryString(query: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null) continue;
    for (const item of Array.isArray(v) ? v : [v])
      q.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The request a vector describes, with `values` put in place of the examples of the same names. */
export function requestOf(v: OperationVector, opts: Pick<SendOptions, 'baseUrl' | 'values' | 'dropField'>) {
  const values = opts.values ?? {};
  const pick = (name: string, example: unknown) => (name in values ? values[name] : example);
  const path = v.request.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(pick(name, v.request.pathParams[name]))),
  );
  const query = Object.fromEntries(Object.entries(v.request.query).map(([k, x]) => [k, pick(k, x)]));
  for (const name of v.input.query) if (name in values && !(name in query)) query[name] = values[name];
  let body = v.request.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    body = Object.fromEntries(Object.entries(body).map(([k, x]) => [k, pick(k, x)]));
    if (opts.dropField) delete body[opts.dropField];
  }
  return { method: v.request.method, url: `${opts.baseUrl.replace(/\/+$/, '')}${path}${queryString(query)}`, body };
}

/** A 429 says the server did not take the call, so it is sent again after the wait it asks (at most this many times). */
const RATE_LIMIT_RETRIES = 2;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** The wait a 429 asks for: `Retry-After` in whole seconds, else one second; over a minute is not waited for. */
function waitOf(answer: Answer): number | undefined {
  const header = answer.headers.get('retry-after');
  const ms = header && /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : 1000;
  return ms <= MAX_RATE_LIMIT_WAIT_MS ? ms : undefined;
}

export async function send(v: OperationVector, opts: SendOptions): Promise<Answer> {
  const { method, url, body } = requestOf(v, opts);
  const headers: Record<string, string> = { accept: 'application/json', ...v.request.headers, ...opts.headers };
  if (v.request.auth && opts.apiKey !== null) headers.authorization = `Bearer ${opts.apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) };
  // A rate limit on a live server is the server protecting itself, not drift: wait as asked and try again.
  let answer = await fetchAnswer(url, init, opts.timeoutMs);
  for (let retry = 0; retry < RATE_LIMIT_RETRIES && answer.status === 429; retry++) {
    const wait = waitOf(answer);
    if (wait === undefined) break;
    await new Promise((r) => setTimeout(r, wait));
    answer = await fetchAnswer(url, init, opts.timeoutMs);
  }
  return answer;
}

/** fetch with a deadline over the whole exchange (headers and body); no redirect is followed. */
export async function fetchAnswer(url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const started = Date.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const response = await fetch(url, { ...init, redirect: 'manual', signal });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, ms: Date.now() - started };
}

/** A network failure's cause in a few words (the key is never part of it: it travels only in a header). */
export function failureOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'no answer within the timeout';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
