// `<op>Options` factories: `queryOptions` for one read, shared by the hooks, prefetching and `ensureQueryData`.
// The query function is the client's `call`, so a query gets the client's envelope unwrapping, typed errors
// and retries by kind; TanStack's own retry is therefore off by default (it would multiply the client's attempts).
import type { A2EClient, A2EError, OperationArgs, OperationData } from '@a2e-sdk/client';
import { queryOptions } from '@tanstack/react-query';
import type { A2EQueryKey, A2EQueryOptions, InputArg, QueryOptionsFactory, ReadOperationId } from '../types.js';
import { queryKeyFactory } from './keys.js';

/** Makes `<op>Options(client, input, request)`: `queryOptions` for one read. */
export function queryOptionsFactory<K extends ReadOperationId>(operationId: K): QueryOptionsFactory<K> {
  const keyOf = queryKeyFactory(operationId);
  return (client: A2EClient, ...[input, request]: OperationArgs<K>) =>
    queryOptions<OperationData<K>, A2EError, OperationData<K>, A2EQueryKey<K>>({
      queryKey: keyOf(...([input] as InputArg<K>)),
      // The caller's own signal wins; otherwise TanStack's, which aborts when no one needs the query any more.
      queryFn: ({ signal }) =>
        client.call(operationId, input, { ...request, signal: request?.signal ?? signal }).then((r) => r.data),
      retry: false,
    }) as A2EQueryOptions<K>;
}
