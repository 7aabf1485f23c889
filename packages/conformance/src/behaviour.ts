// Replays one behaviour case: its scripted server on loopback, the client pointed at it, and what came
// out — the data or the error, every request the server saw, and all the text the client emitted.
import { inspect } from 'node:util';
import {
  A2EError,
  createA2EClient,
  paging,
  type JobFamily,
  type LogEvent,
  type OperationId,
  type PagedOperationId,
} from '@a2e-sdk/client';
import { startScriptedServer, type Seen } from '@a2e-sdk/tools/scripted-server';
import type { BehaviourCase } from './vectors.js';

export interface Outcome {
  requests: Seen[];
  data?: unknown;
  error?: unknown;
  emitted: string;
}

/** Everything an error or a log could show a person or a log store. */
export const emittedText = (error: unknown, logs: unknown[]) =>
  [
    String(error ?? ''),
    (error as Error)?.stack ?? '',
    JSON.stringify(error ?? null),
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(logs),
  ].join('\n');

export async function runBehaviour(c: BehaviourCase): Promise<Outcome> {
  const server = await startScriptedServer(c.server);
  const logs: LogEvent[] = [];
  const outcome: Outcome = { requests: server.requests, emitted: '' };
  try {
    // Made inside the try: refusing a bad option at creation is an outcome a case can expect.
    const client = createA2EClient({
      baseUrl: server.url,
      apiKey: c.client?.apiKey ?? 'sk_behaviour_case_key',
      maxRetries: c.client?.maxRetries ?? 2,
      timeoutMs: c.client?.timeoutMs ?? 5000,
      ...(c.client?.maxRetryAfterMs !== undefined && { maxRetryAfterMs: c.client.maxRetryAfterMs }),
      ...(c.client?.maxResponseBytes !== undefined && { maxResponseBytes: c.client.maxResponseBytes }),
      backoff: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: (e) => logs.push(e),
    });
    const action = c.action;
    if ('call' in action) outcome.data = (await client.call(action.call as OperationId, action.input as never)).data;
    else if ('waitFor' in action) {
      outcome.data = await client.waitForJob(action.waitFor as JobFamily, action.id, {
        intervalMs: 5,
        maxIntervalMs: 10,
        timeoutMs: 5000,
      });
    } else {
      // The case states the operation's paging so a port needs no spec; it must be the spec's.
      const id = action.paginate as PagedOperationId;
      if (JSON.stringify(paging[id]) !== JSON.stringify(action.paging))
        throw new Error(`paging of ${id} differs from the spec: ${JSON.stringify(paging[id])}`);
      const rows: unknown[] = [];
      for await (const row of client.paginate(
        id,
        action.input as never,
        action.maxPages ? { maxPages: action.maxPages } : {},
      ))
        rows.push(row);
      outcome.data = rows;
    }
  } catch (error) {
    outcome.error = error;
  } finally {
    await server.close();
  }
  outcome.emitted = emittedText(outcome.error, logs);
  return outcome;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** How an outcome differs from a case's expectations: empty when the client behaved as the case says. */
export function mismatches(out: Outcome, want: BehaviourCase['expect']): string[] {
  const found: string[] = [];
  if (want.requests !== undefined && out.requests.length !== want.requests)
    found.push(`${out.requests.length} requests, expected ${want.requests}`);
  if (
    want.requestUrls &&
    !same(
      out.requests.map((r) => r.url),
      want.requestUrls,
    )
  )
    found.push(`request URLs ${JSON.stringify(out.requests.map((r) => r.url))}`);
  const error = out.error as (Error & { status?: number; code?: unknown }) | undefined;
  if (want.error) {
    if (!(out.error instanceof A2EError) || !error)
      found.push(`expected ${want.error.type}, got ${error ? String(error) : `data ${JSON.stringify(out.data)}`}`);
    else {
      if (error.name !== want.error.type) found.push(`error ${error.name}, expected ${want.error.type}`);
      if (want.error.status !== undefined && error.status !== want.error.status)
        found.push(`status ${error.status}, expected ${want.error.status}`);
      if (want.error.code !== undefined && error.code !== want.error.code)
        found.push(`code ${String(error.code)}, expected ${want.error.code}`);
      if (want.error.messageContains && !error.message.includes(want.error.messageContains))
        found.push(`message "${error.message}" lacks "${want.error.messageContains}"`);
      const waited = (error as { retryAfterMs?: number }).retryAfterMs;
      if (want.error.retryAfterMs !== undefined && waited !== want.error.retryAfterMs)
        found.push(`retryAfterMs ${waited}, expected ${want.error.retryAfterMs}`);
    }
  } else {
    if (error) found.push(`unexpected ${error.name}: ${error.message}`);
    if (!same(out.data, want.data))
      found.push(`data ${JSON.stringify(out.data)}, expected ${JSON.stringify(want.data)}`);
  }
  if (want.neverEmitted) {
    if (!out.requests.some((r) => String(r.headers.authorization).includes(want.neverEmitted!)))
      found.push('the canary was never sent, so the case proves nothing');
    if (out.emitted.includes(want.neverEmitted)) found.push('the canary appears in what the client emitted');
  }
  return found;
}
