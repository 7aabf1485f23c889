// A stand-in for A2E's streaming routes on a loopback port: it opens sessions (channel ch-1, ch-2, …)
// and records every call, so a test can see which process sent what for which channel.
import { createServer, type Server } from 'node:http';

export interface UpstreamCall {
  path: string;
  channel?: string;
  text?: string;
  key?: string;
}

export async function startStreamingUpstream(): Promise<{
  url: string;
  calls: UpstreamCall[];
  close(): Promise<void>;
}> {
  const calls: UpstreamCall[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => {
      raw += d.toString();
    });
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '').replace('/api/v1/streaming-avatar/', '');
      calls.push({
        path,
        channel: body.channel as string | undefined,
        text: body.text as string | undefined,
        key: req.headers.authorization,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (path === 'agora-token') {
        const seconds = Number(body.expire_seconds);
        return res.end(
          JSON.stringify({
            code: 0,
            data: {
              appId: 'app',
              channel: `ch-${++n}`,
              token: `rtc-${n}`,
              uid: n,
              expire_epoch_timestamp: Math.floor(Date.now() / 1000) + seconds,
            },
          }),
        );
      }
      res.end(JSON.stringify({ code: 0, data: {} }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    calls,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
