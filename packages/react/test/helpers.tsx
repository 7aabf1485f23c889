// A client on Prism that records every request, and a wrapper giving each test its own QueryClient.
import { createA2EClient, type A2EClient } from '@a2e-sdk/client';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { inject } from 'vitest';
import { A2EProvider } from '../src/index.js';

export interface Sent {
  method: string;
  path: string;
  signal: AbortSignal | undefined;
}

/**
 * `prefer(sent, n)` may give a Prism `Prefer` header for a request (`example=processing`, `code=500`; `n`:
 * how many requests to the same path came before); it is added in the fetch, outside the code under test.
 */
export function prismClient(prefer?: (sent: Sent, n: number) => string | undefined): {
  client: A2EClient;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const client = createA2EClient({
    baseUrl: inject('prismUrl'),
    apiKey: 'sk_react_tests',
    maxRetries: 0,
    fetch: (url, init) => {
      const u = new URL(String(url));
      const request: Sent = {
        method: init?.method ?? 'GET',
        path: u.pathname + u.search,
        signal: init?.signal ?? undefined,
      };
      const preference = prefer?.(request, sent.filter((s) => s.path === request.path).length);
      sent.push(request);
      const headers = { ...(init?.headers as Record<string, string>), ...(preference && { prefer: preference }) };
      return fetch(url, { ...init, headers });
    },
  });
  return { client, sent };
}

export function providerFor(client: A2EClient, queryClient = new QueryClient()) {
  return {
    queryClient,
    wrapper: ({ children }: { children: ReactNode }) => (
      <A2EProvider client={client} queryClient={queryClient}>
        {children}
      </A2EProvider>
    ),
  };
}
