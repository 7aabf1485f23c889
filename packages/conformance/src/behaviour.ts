// Replays one behaviour case: its scripted server on loopback, the client pointed at it, and what came
// out — the data or the error, every request the server saw, and all the text the client emitted.
import { inspect } from 'node:util';
import { createA2EClient, type JobFamily, type LogEvent, type OperationId } from '@a2e-sdk/client';
import { startScriptedServer, type Seen } from './scripted-server.js';
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
