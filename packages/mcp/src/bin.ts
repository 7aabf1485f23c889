#!/usr/bin/env node
// a2e-mcp: stdio by default; `--http [--port N] [--host H]` serves Streamable HTTP at /mcp. Everything
// else (key, base URL, budget, read-only, file root) comes from the environment: see README.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { configFromEnv } from './config.js';
import { startHttpServer } from './http.js';
import { createA2EMcpServer } from './server.js';

const USAGE =
  'usage: a2e-mcp [--http [--port <n>] [--host <addr>]]  (configuration from the environment; see the README)';

async function main(argv: string[]) {
  const flags = { http: false, port: 0, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--http') flags.http = true;
    else if (a === '--port') flags.port = Number(argv[++i]);
    else if (a === '--host') flags.host = argv[++i] ?? '';
    else if (a === '--help' || a === '-h') return void process.stdout.write(`${USAGE}\n`);
    else throw new Error(`unknown argument "${a}"\n${USAGE}`);
  }
  if (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65535)
    throw new Error(`--port must be 0..65535\n${USAGE}`);
  const config = configFromEnv();
  if (flags.http) {
    const { url, close } = await startHttpServer(config, { port: flags.port, host: flags.host });
    // stderr: stdout may be read by whoever started us; the URL is what they need.
    process.stderr.write(`a2e-mcp listening on ${url}\n`);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void close().then(() => process.exit(0)));
    return;
  }
  await createA2EMcpServer({ config, sessionId: 'stdio' }).connect(new StdioServerTransport());
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`a2e-mcp: ${error.message}\n`);
  process.exit(2);
});
