// Drives the built `a2e-mcp` as a child process with the official MCP client, over stdio or Streamable
// HTTP, with a canary key in its environment. Every message the client receives and everything the child
// writes to stderr is recorded, so a test can prove the key never reaches the agent or a log.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');
export const CANARY = 'sk_canary_mcp_5d1f08b2c7e94a36';
export type Kind = 'stdio' | 'http';

export interface Connected {
  client: Client;
  /** Every JSON-RPC message the client received, serialised. */
  received: string[];
  stderr(): string;
  close(): Promise<void>;
}

/** Passes messages through, keeping a copy of each one received. */
class Recording implements Transport {
  onmessage?: Transport['onmessage'];
  onclose?: () => void;
  onerror?: (error: Error) => void;
  constructor(
    private readonly inner: Transport,
    private readonly log: string[],
  ) {
    inner.onmessage = (message: JSONRPCMessage, extra) => {
      log.push(JSON.stringify(message));
      this.onmessage?.(message, extra);
    };
    inner.onclose = () => this.onclose?.();
    inner.onerror = (error) => this.onerror?.(error);
  }
  get sessionId() {
    return this.inner.sessionId;
  }
  start() {
    return this.inner.start();
  }
  send(message: JSONRPCMessage, options?: Parameters<Transport['send']>[1]) {
    return this.inner.send(message, options);
  }
  close() {
    return this.inner.close();
  }
  setProtocolVersion(version: string) {
    this.inner.setProtocolVersion?.(version);
  }
}

function childEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    A2E_API_KEY: CANARY,
    A2E_MCP_POLL_INTERVAL_MS: '100',
    ...env,
  };
}

async function startHttpChild(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0'], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stdout!.on('data', (c) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c) => {
      err += c;
      const m = /listening on (\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`a2e-mcp exited ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

export async function connect(kind: Kind, env: Record<string, string>): Promise<Connected> {
  const received: string[] = [];
  const client = new Client({ name: 'a2e-mcp-test', version: '0.0.0' });
  if (kind === 'stdio') {
    const inner = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: childEnv(env),
      stderr: 'pipe',
    });
    let err = '';
    inner.stderr?.on('data', (c) => (err += c));
    await client.connect(new Recording(inner, received));
    return { client, received, stderr: () => err, close: () => client.close() };
  }
  const { child, url, stderr } = await startHttpChild(env);
  await client.connect(new Recording(new StreamableHTTPClientTransport(new URL(url)), received));
  return {
    client,
    received,
    stderr,
    close: async () => {
      await client.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Calls a tool and returns its text and error flag. */
export async function call(
  c: Connected,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { progress: number; message?: string }) => void,
) {
  const result = await c.client.callTool(
    { name, arguments: args },
    undefined,
    onprogress ? { onprogress, resetTimeoutOnProgress: true } : undefined,
  );
  const text = (result.content as { type: string; text: string }[]).map((p) => p.text).join('\n');
  return { text, isError: result.isError === true, json: () => JSON.parse(text) as Record<string, any> };
}
