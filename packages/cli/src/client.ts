// The client a command runs with, from the global flags: key (environment or stored), server or base URL,
// spending limit. A dry run gets a fetch that records the request and sends nothing.
import { createA2EClient, type A2EClient } from '@a2e-sdk/client';
import { servers } from '@a2e-sdk/client/operations';
import { findKey } from './auth.js';
import { MissingKeyError, UsageError } from './exit-codes.js';
import { registerSecret } from './output.js';

export interface GlobalFlags {
  server?: string;
  baseUrl?: string;
  dryRun?: boolean;
  maxCredits?: string;
  requestTimeoutMs?: string;
}

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Thrown by the dry run's fetch so that nothing goes out; the request is in `recorded`. */
class DryRunStop extends Error {}

export interface MadeClient {
  a2e: A2EClient;
  recorded?: Recorded;
}

function baseUrlOf(flags: GlobalFlags): string | undefined {
  const url = flags.baseUrl ?? process.env.A2E_BASE_URL;
  if (url !== undefined && !/^https?:\/\//.test(url))
    throw new UsageError(`--base-url must be an http(s) URL, not ${JSON.stringify(url)}`);
  return url;
}

export function makeClient(
  flags: GlobalFlags,
  { needsKey, maxCredits }: { needsKey: boolean; maxCredits?: number },
): MadeClient {
  const key = findKey();
  registerSecret(key?.apiKey);
  if (needsKey && !key && !flags.dryRun) {
    throw Object.assign(new MissingKeyError('no API key: set A2E_API_KEY or run `a2e auth login`'), {
      hint: 'a2e auth login',
    });
  }
  if (flags.server !== undefined && !(flags.server in servers)) {
    throw new UsageError(`--server must be one of ${Object.keys(servers).join(', ')}`);
  }
  const made: MadeClient = { a2e: undefined as unknown as A2EClient };
  const dryFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.text();
    const headers = Object.fromEntries(request.headers);
    if (headers.authorization) headers.authorization = 'Bearer ***';
    let body: unknown = text || undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: shown as text
    }
    made.recorded = { method: request.method, url: request.url, headers, ...(body !== undefined && { body }) };
    throw new DryRunStop();
  };
  made.a2e = createA2EClient({
    ...(key && { apiKey: key.apiKey }),
    ...(flags.server && { server: flags.server as keyof typeof servers }),
    ...(baseUrlOf(flags) && { baseUrl: baseUrlOf(flags) }),
    ...(maxCredits !== undefined && !flags.dryRun && { maxCredits }),
    ...(flags.requestTimeoutMs !== undefined && { timeoutMs: Number(flags.requestTimeoutMs) }),
    ...(flags.dryRun && { fetch: dryFetch as typeof fetch, maxRetries: 0 }),
  });
  return made;
}
