// `@a2e-sdk/cli/sandbox`: a local, stateful stand-in of A2E for integration tests. Requests are checked
// against the bundled spec and answered from its examples; started jobs progress and end, show in their
// detail and list calls, and call their webhook. No Prism: plain node:http and ajv.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandler, type LoggedRequest, type SandboxState } from './server.js';
import type { Outcome, SandboxJob } from './jobs.js';

export type { LoggedRequest } from './server.js';
export type { Outcome } from './jobs.js';

export interface WebhookDelivery {
  url: string;
  token?: string;
  payload: unknown;
  status?: number;
  error?: string;
}

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Delay added to every API answer, in ms. Default 0. */
  latencyMs?: number;
  /** Share of started jobs that end failed, 0 to 1, unless a request says otherwise. Default 0. */
  failRate?: number;
  /** Seed for ids and `failRate` draws, so runs repeat. Default 1. */
  seed?: number;
  /** Time a job takes from start to its end, in ms; 0 = it waits for the control route. Default 3000. */
  jobDurationMs?: number;
  /** Builds the webhook body for an ended job. A2E does not document its payload: the default is our own. */
  webhookPayload?: (job: { family: string; id: string; status: string; record: Record<string, unknown> }) => unknown;
  /** Credits every quote (`getGenerationQuote`) answers, so `maxCredits` can be tested. Default 10. */
  quoteCredits?: number;
  /** Called after each webhook delivery (or failed attempt). */
  onWebhook?: (delivery: WebhookDelivery) => void;
}

export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:43117`: pass it as the client's `baseUrl`. */
  url: string;
  port: number;
  /** Every request received so far, oldest first, with the authorization masked. */
  requests(): LoggedRequest[];
  /** Ends a job now (as the control route `POST /__sandbox/jobs/{id}/complete|fail` does). */
  endJob(id: string, outcome: Outcome): Promise<Record<string, unknown> | undefined>;
  /** The next `times` calls of `operationId` (or `*` for any) answer HTTP `status` (429 with Retry-After: 0). */
  injectFault(operationId: string, status: number, times?: number): void;
  /** Webhook deliveries so far. */
  webhooks(): WebhookDelivery[];
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = {
    jobs: new Map<string, SandboxJob>(),
    log: [],
    deliveries: [],
    baseUrl: '',
    storage: new Map(),
    options,
    faults: new Map(),
  };
  const { handle, endJob } = createHandler(state);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, msg: `sandbox error: ${error.message}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  state.baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: state.baseUrl,
    port,
    requests: () => state.log.map((r) => ({ ...r })),
    endJob,
    injectFault: (operationId, status, times = 1) => void state.faults.set(operationId, { status, times }),
    webhooks: () => [...state.deliveries],
    close: () =>
      new Promise<void>((resolve) => {
        for (const job of state.jobs.values()) clearTimeout(job.timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
