// One MCP server (one session) over the official SDK's low-level `Server`: the tool list comes from the
// catalog, each call goes to its handler, and every text that leaves is scrubbed of the API key as a
// last line of defence (the client already keeps it out of its errors).
import { createRequire } from 'node:module';
import { createA2EClient, JobTimedOutError, type A2EClient } from '@a2e-sdk/client';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createCatalog } from './catalog.js';
import type { McpConfig } from './config.js';
import { createPaidGate, type PaidGate } from './paid-gate.js';
import { createMemoryStore, type SafetyStore } from './store.js';
import { toolDefs } from './tool-defs.js';
import { handlers, resumeHint } from './tools.js';

export const SERVER_NAME = 'a2e-mcp';
/** The package's version (from dist/ or src/, package.json is one level up). */
export const SERVER_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;

export interface ServerDeps {
  config: McpConfig;
  /** Session the budget and confirmations belong to (stdio: one per process; HTTP: one per MCP session). */
  sessionId: string;
  /** Shared across sessions of one process. Default: a new in-memory store. */
  store?: SafetyStore;
  /** Default: a client built from the config (key from the environment only). */
  a2e?: A2EClient;
  /** Default: a gate over `store` with the config's TTL and budget. */
  gate?: PaidGate;
}

/** Replaces every occurrence of the key (and of its Bearer form) in outgoing text. */
export function keyScrubber(apiKey: string | undefined): (text: string) => string {
  if (!apiKey || apiKey.length < 4) return (text) => text;
  return (text) => text.split(apiKey).join('[redacted]');
}

export function createA2EMcpServer(deps: ServerDeps): Server {
  const { config, sessionId } = deps;
  const a2e =
    deps.a2e ?? createA2EClient({ apiKey: config.apiKey, ...(config.baseUrl && { baseUrl: config.baseUrl }) });
  const store = deps.store ?? createMemoryStore();
  const gate = deps.gate ?? createPaidGate({ store, ttlMs: config.confirmationTtlMs, maxCredits: config.maxCredits });
  const catalog = createCatalog(config);
  const scrub = keyScrubber(config.apiKey);
  const tools = toolDefs(catalog, {
    readOnly: config.readOnly,
    uploads: !!config.fileRoot,
    ttlMinutes: Math.round(config.confirmationTtlMs / 60_000),
  });
  const names = new Set(tools.map((t) => t.name));

  const server = new Server({ name: SERVER_NAME, version: SERVER_VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params;
    const token = request.params._meta?.progressToken;
    const ctx = {
      a2e,
      catalog,
      gate,
      config,
      sessionId,
      signal: extra.signal,
      progress: async (progress: number, message: string) => {
        if (token === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress, message: scrub(message) },
        });
      },
    };
    try {
      const handler = names.has(name) ? handlers[name] : undefined;
      if (!handler) return { isError: true, content: [{ type: 'text', text: `Unknown tool "${name}"` }] };
      const result = await handler(ctx, args);
      return { content: [{ type: 'text', text: scrub(JSON.stringify(result, null, 2)) }] };
    } catch (error) {
      const e = error as Error;
      let text = `${e.name}: ${e.message}`;
      if (error instanceof JobTimedOutError) text += `\n${resumeHint(error.family, error.jobId)}`;
      return { isError: true, content: [{ type: 'text', text: scrub(text) }] };
    }
  });
  return server;
}
