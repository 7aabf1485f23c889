// Query hooks: each is one line over its `<op>Options` factory, with the client from the provider.
import type { A2EError, OperationArgs, OperationData } from '@a2e-sdk/client';
import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { queryOptionsFactory } from '../factories/query.js';
import { useA2EClient } from '../provider.js';
import type { A2EQueryKey, QueryHook, QueryHookArgs, ReadOperationId } from '../types.js';

/** Makes the query hook of one read, e.g. `useDubbing({ _id })`. */
export function queryHook<K extends ReadOperationId>(operationId: K): QueryHook<K> {
  const optionsOf = queryOptionsFactory(operationId);
  function useA2EQuery<TData = OperationData<K>>(
    ...[input, options]: QueryHookArgs<K, TData>
  ): UseQueryResult<TData, A2EError> {
    const client = useA2EClient();
    const { request, ...rest } = options ?? {};
    const args = [input, request] as unknown as OperationArgs<K>;
    return useQuery<OperationData<K>, A2EError, TData, A2EQueryKey<K>>({
      ...optionsOf(client, ...args),
      ...rest,
    } as UseQueryOptions<OperationData<K>, A2EError, TData, A2EQueryKey<K>>);
  }
  return Object.assign(useA2EQuery, { operationId, kind: 'query' as const });
}
