// Configuration from the environment only: the API key never comes from a tool argument or a flag, so
// it cannot leak through an agent's transcript or a process list.

/** What the server reads from the environment; every field documents its variable and default. */
export interface McpConfig {
  /** `A2E_API_KEY`. Sent as the bearer token; never echoed in a result, log or error. */
  apiKey: string | undefined;
  /** `A2E_BASE_URL`. Default: the client's global server (https://video.a2e.ai). */
  baseUrl: string | undefined;
  /** `A2E_MCP_MAX_CREDITS`: credits one session may commit through quoted confirmations. Default: no limit. */
  maxCredits: number | undefined;
  /** `A2E_MCP_READ_ONLY=1`: expose operations of kind `read` only, and no write, paid or upload tool. Default off. */
  readOnly: boolean;
  /** `A2E_MCP_ALLOW_OPERATIONS=deleteVoice,…`: privileged (account/destructive) operations to expose. Default none. */
  allowOperations: ReadonlySet<string>;
  /** `A2E_MCP_FILE_ROOT`: the only directory `upload_file` reads under. Default: unset, no upload tool. */
  fileRoot: string | undefined;
  /** `A2E_MCP_CONFIRMATION_TTL_MS`: how long a confirmation stays valid. Default 600000 (10 minutes). */
  confirmationTtlMs: number;
  /** `A2E_MCP_POLL_INTERVAL_MS`: first delay between job polls. Default 5000. */
  pollIntervalMs: number;
  /** `A2E_MCP_WAIT_TIMEOUT_MS`: default time a start-and-wait or a wait polls before handing back the id. Default 45000. */
  waitTimeoutMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number | undefined): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new ConfigError(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

const truthy = (raw: string | undefined) => raw !== undefined && /^(1|true|yes|on)$/i.test(raw.trim());

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): McpConfig {
  return {
    apiKey: env.A2E_API_KEY || undefined,
    baseUrl: env.A2E_BASE_URL || undefined,
    maxCredits: number(env, 'A2E_MCP_MAX_CREDITS', undefined),
    readOnly: truthy(env.A2E_MCP_READ_ONLY),
    allowOperations: new Set(
      (env.A2E_MCP_ALLOW_OPERATIONS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    fileRoot: env.A2E_MCP_FILE_ROOT || undefined,
    confirmationTtlMs: number(env, 'A2E_MCP_CONFIRMATION_TTL_MS', 600_000)!,
    pollIntervalMs: number(env, 'A2E_MCP_POLL_INTERVAL_MS', 5_000)!,
    waitTimeoutMs: number(env, 'A2E_MCP_WAIT_TIMEOUT_MS', 45_000)!,
  };
}
