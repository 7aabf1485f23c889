// A2EProvider holds the client the hooks call through, and makes sure a QueryClient is there.
import { createA2EClient, type A2EClient } from '@a2e-sdk/client';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

const A2EClientContext = createContext<A2EClient | null>(null);

export interface A2EProviderProps {
  /** The client to call through. Wins over `baseUrl`. */
  client?: A2EClient;
  /**
   * Base URL of a server-side proxy (see `createA2EProxy`), used when no `client` is given. The client
   * made for it holds no API key. Default `''`: the page's own origin, the proxy mounted at the site root.
   */
  baseUrl?: string;
  /** The QueryClient to use. Default: the one of an enclosing QueryClientProvider, else a new one. */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * The client needs an absolute base URL: a relative one (`''`, `/api/a2e`) is resolved against the page.
 * On a server there is no page; hooks send nothing while rendering there, and anything that did would fail
 * at once on the reserved `.invalid` domain instead of reaching some other host.
 * @internal
 */
export function absoluteBaseUrl(baseUrl: string): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return new URL(baseUrl || '/', page ?? 'http://a2e-proxy.invalid/').href;
}

export function A2EProvider({ client, baseUrl = '', queryClient, children }: A2EProviderProps) {
  // apiKey '' (not undefined): the browser client must never pick up A2E_API_KEY, even under SSR.
  const own = useMemo(
    () => (client ? undefined : createA2EClient({ baseUrl: absoluteBaseUrl(baseUrl), apiKey: '' })),
    [client, baseUrl],
  );
  const outer = useContext(QueryClientContext);
  const [fallback] = useState(() => (queryClient || outer ? undefined : new QueryClient()));
  const inner = <A2EClientContext.Provider value={client ?? own!}>{children}</A2EClientContext.Provider>;
  const provided = queryClient ?? (outer ? undefined : fallback);
  return provided ? <QueryClientProvider client={provided}>{inner}</QueryClientProvider> : inner;
}

/** The client of the nearest A2EProvider. */
export function useA2EClient(): A2EClient {
  const client = useContext(A2EClientContext);
  if (!client) throw new Error('useA2EClient: no <A2EProvider> above this component');
  return client;
}
