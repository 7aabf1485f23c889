// `<op>Options` factories and query hooks. The query function is the client's `call`, so a hook gets the
// client's envelope unwrapping, typed errors and retries by kind; TanStack's own retry is therefore off
// by default (it would multiply the client's attempts).
import type { A2EClient, A2EError, OperationArgs, OperationData } from '@a2e-sdk/client';
import { queryOptions, useQuery, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import { useA2EClient } from '../provider.js';
import type { A2EQueryKey, A2EQueryOptions, InputArg, QueryHook, QueryHookArgs, QueryOptionsFactory, ReadOperationId } from '../types.js';
import { queryKeyFactory } from './keys.js';

/** Makes `<op>Options(client, input, request)`: `queryOptions` for one read, for hooks, prefetching and `ensureQueryData`. */
export function queryOptionsFactory<K extends ReadOperationId>(operationId: K): QueryOptionsFactory<K> {
  const keyOf = queryKeyFactory(operationId);
  return (client: A2EClient, ...[input, request]: OperationArgs<K>) =>
    queryOptions<OperationData<K>, A2EError, OperationData<K>, A2EQueryKey<K>>({
      queryKey: keyOf(...([input] as InputArg<K>)),
      // The caller's own signal wins; otherwise TanStack's, which aborts when no one needs the query any more.
      queryFn: ({ signal }) => client.call(operationId, input, { ...request, signal: request?.signal ?? signal }).then((r) => r.data),
      retry: false,
    }) as A2EQueryOptions<K>;
}

/** Makes the query hook of one read, e.g. `useDubbing({ _id })`. */
export function queryHook<K extends ReadOperationId>(operationId: K): QueryHook<K> {
  const optionsOf = queryOptionsFactory(operationId);
  function useA2EQuery<TData = OperationData<K>>(...[input, options]: QueryHookArgs<K, TData>): UseQueryResult<TData, A2EError> {
    const client = useA2EClient();
    const { request, ...rest } = options ?? {};
    const args = [input, request] as unknown as OperationArgs<K>;
    return useQuery<OperationData<K>, A2EError, TData, A2EQueryKey<K>>({ ...optionsOf(client, ...args), ...rest } as UseQueryOptions<OperationData<K>, A2EError, TData, A2EQueryKey<K>>);
  }
  return Object.assign(useA2EQuery, { operationId, kind: 'query' as const });
}
