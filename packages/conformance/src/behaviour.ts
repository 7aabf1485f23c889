// Replays one behaviour case: its scripted server on loopback, the client pointed at it, and what came
// out — the data or the error, every request the server saw, and all the text the client emitted.
import { inspect } from 'node:util';
import { A2EError, createA2EClient, type JobFamily, type LogEvent, type OperationId } from '@a2e-sdk/client';
import { startScriptedServer, type Seen } from '@a2e-sdk/tools/scripted-server';
import type { BehaviourCase } from './vectors.js';

export interface Outcome { requests: Seen[]; data?: unknown; error?: unknown; emitted: string }

/** Everything an error or a log could show a person or a log store. */
export const emittedText = (error: unknown, logs: unknown[]) =>
  [String(error ?? ''), (error as Error)?.stack ?? '', JSON.stringify(error ?? null), inspect(error, { depth: 10, showHidden: true }), JSON.stringify(logs)].join('\n');

export async function runBehaviour(c: BehaviourCase): Promise<Outcome> {
  const server = await startScriptedServer(c.server);
  const logs: LogEvent[] = [];
  const client = createA2EClient({
    baseUrl: server.url,
    apiKey: c.client?.apiKey ?? 'sk_behaviour_case_key',
    maxRetries: c.client?.maxRetries ?? 2,
    timeoutMs: c.client?.timeoutMs ?? 5000,
    backoff: { initialDelayMs: 5, maxDelayMs: 20 },
    logger: (e) => logs.push(e),
  });
  const outcome: Outcome = { requests: server.requests, emitted: '' };
  try {
    outcome.data = 'call' in c.action
      ? (await client.call(c.action.call as OperationId, c.action.input as never)).data
      : await client.waitForJob(c.action.waitFor as JobFamily, c.action.id, { intervalMs: 5, maxIntervalMs: 10, timeoutMs: 5000 });
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
  if (want.requests !== undefined && out.requests.length !== want.requests) found.push(`${out.requests.length} requests, expected ${want.requests}`);
  if (want.requestUrls && !same(out.requests.map((r) => r.url), want.requestUrls)) found.push(`request URLs ${JSON.stringify(out.requests.map((r) => r.url))}`);
  const error = out.error as (Error & { status?: number; code?: unknown }) | undefined;
  if (want.error) {
    if (!(out.error instanceof A2EError) || !error) found.push(`expected ${want.error.type}, got ${error ? String(error) : `data ${JSON.stringify(out.data)}`}`);
    else {
      if (error.name !== want.error.type) found.push(`error ${error.name}, expected ${want.error.type}`);
      if (want.error.status !== undefined && error.status !== want.error.status) found.push(`status ${error.status}, expected ${want.error.status}`);
      if (want.error.code !== undefined && error.code !== want.error.code) found.push(`code ${String(error.code)}, expected ${want.error.code}`);
      if (want.error.messageContains && !error.message.includes(want.error.messageContains)) found.push(`message "${error.message}" lacks "${want.error.messageContains}"`);
    }
  } else {
    if (error) found.push(`unexpected ${error.name}: ${error.message}`);
    if (!same(out.data, want.data)) found.push(`data ${JSON.stringify(out.data)}, expected ${JSON.stringify(want.data)}`);
  }
  if (want.neverEmitted) {
    if (!out.requests.some((r) => String(r.headers.authorization).includes(want.neverEmitted!))) found.push('the canary was never sent, so the case proves nothing');
    if (out.emitted.includes(want.neverEmitted)) found.push('the canary appears in what the client emitted');
  }
  return found;
}
