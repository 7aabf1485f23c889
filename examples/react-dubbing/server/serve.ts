// The example's server: the built app from `root`, and `/api/*` (every A2E path starts there) handed to
// the proxy handler, which holds the token, through the client's Node adapter. The page is same-origin
// with its API, so no CORS and no key in the browser.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { nodeHandler } from '@a2e-sdk/client/node';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve({
  root,
  proxy,
  port = 0,
}: {
  root: string;
  proxy: (request: Request) => Promise<Response>;
  port?: number;
}): Promise<Served> {
  const api = nodeHandler(proxy);
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://x');
      if (pathname.startsWith('/api/')) return await api(req, res);
      // normalize() resolves `..`; a path that still climbs out of root is refused.
      const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file).catch(() => (extname(file) ? undefined : readFile(join(root, 'index.html'))));
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/html; charset=utf-8' }).end(body);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
