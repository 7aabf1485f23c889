// A loopback stand-in of A2E's streaming endpoints that records every call: each token call opens a new
// channel (ch-1, ch-2, …); the token answer's shape and the other answers can be set per test.
import { startScriptedServer, type Reply, type ScriptedServer, type Seen } from '@a2e-sdk/tools/scripted-server';

export const STREAM = '/api/v1/streaming-avatar';

export interface StandIn {
  server: ScriptedServer;
  /** The token answer for channel `n`; default: the Agora values under `data`. */
  token: (n: number) => Reply;
  /** Answers to the other calls; default `{ code: 0, data: {} }`. */
  other: (seen: Seen) => Reply;
  calls(op: string): Seen[];
  /** Channel names of the leave calls, in order. */
  leaves(): string[];
  reset(): void;
}

export const dataShape = (n: number, extra: Record<string, unknown> = {}): Reply => ({
  body: { code: 0, data: { appId: 'app-1', channel: `ch-${n}`, token: `agora-token-${n}`, uid: 1000 + n, ...extra } },
});

export async function startStandIn(): Promise<StandIn> {
  let opened = 0;
  const standIn: StandIn = {
    server: await startScriptedServer(),
    token: (n) => dataShape(n),
    other: () => ({ body: { code: 0, data: {} } }),
    calls: (op) => standIn.server.requests.filter((r) => new URL(r.url, 'http://x').pathname === `${STREAM}/${op}`),
    leaves: () => standIn.calls('leave').map((r) => (JSON.parse(r.body) as { channel: string }).channel),
    reset() {
      opened = 0;
      standIn.token = (n) => dataShape(n);
      standIn.other = () => ({ body: { code: 0, data: {} } });
      standIn.server.reply((seen) =>
        seen.url === `${STREAM}/agora-token` ? standIn.token(++opened) : standIn.other(seen),
      );
    },
  };
  standIn.reset();
  return standIn;
}
