// Starts a Stoplight Prism mock of spec/openapi.yaml on a free loopback port and stops it again.
// Used by the client demo and the conformance suite; request validation is on (Prism's default).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SPEC_ENTRY } from './locations.ts';

export interface Prism {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

const require = createRequire(import.meta.url);
const pkg = require.resolve('@stoplight/prism-cli/package.json');
const bin = join(dirname(pkg), (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: { prism: string } }).bin.prism);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

/** `cli` is a prism entry script other than the workspace's (the consumer tests use an npm-installed one). */
export async function startPrism({
  spec = SPEC_ENTRY,
  timeoutMs = 60_000,
  args = [] as string[],
  cli = bin,
} = {}): Promise<Prism> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, 'mock', spec, '-h', '127.0.0.1', '-p', String(port), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => {
    log += d;
  });
  child.stderr!.on('data', (d) => {
    log += d;
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited early:\n${log}`);
    try {
      await fetch(`${url}/__ready`); // any answer (a 404) means it is serving
      return { url, stop, output: () => log };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`prism did not answer within ${timeoutMs} ms:\n${log}`);
      }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
}
