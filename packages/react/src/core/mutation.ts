// `<op>Mutation` factories and mutation hooks. A write or paid call is never retried here: the client
// already replays it only where the server provably did not take it.
import type { A2EClient, A2EError, OperationData, OperationInput, RequestOptions } from '@a2e-sdk/client';
import { mutationOptions, useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useA2EClient } from '../provider.js';
import type { A2EMutationHookOptions, A2EMutationOptions, MutationFactory, MutationHook, MutationOperationId, MutationVariables, ReadOperationId } from '../types.js';
import { mutationKeyOf } from './keys.js';

/**
 * Makes `<op>Mutation(client, request)`: `mutationOptions` for one write. `invalidates` lists the reads
 * made stale by it (for a create or delete: the list queries of its tag); they are invalidated on success
 * and the mutation settles once active ones have refetched.
 */
export function mutationOptionsFactory<K extends MutationOperationId>(operationId: K, invalidates: readonly ReadOperationId[] = []): MutationFactory<K> {
  const mutationKey = mutationKeyOf(operationId);
  const factory = (client: A2EClient, request?: RequestOptions) =>
    mutationOptions<OperationData<K>, A2EError, MutationVariables<K>>({
      mutationKey,
      mutationFn: (input) => client.call(operationId, (input ?? undefined) as OperationInput<K> | undefined, request).then((r) => r.data),
      ...(invalidates.length > 0 && {
        onSuccess: (_data, _variables, _result, { client: queryClient }) =>
          Promise.all(invalidates.map((id) => queryClient.invalidateQueries({ queryKey: [{ _id: id }] }))),
      }),
    }) as A2EMutationOptions<K>;
  return Object.assign(factory, { operationId, invalidates });
}

/** Makes the mutation hook of one write, e.g. `useStartDubbing()`. */
export function mutationHook<K extends MutationOperationId>(factory: MutationFactory<K>): MutationHook<K> {
  function useA2EMutation<TOnMutateResult = unknown>(options: A2EMutationHookOptions<K, TOnMutateResult> = {}): UseMutationResult<OperationData<K>, A2EError, MutationVariables<K>, TOnMutateResult> {
    const client = useA2EClient();
    const { request, onSuccess, ...rest } = options;
    const base = factory(client, request);
    return useMutation<OperationData<K>, A2EError, MutationVariables<K>, TOnMutateResult>({
      ...rest,
      mutationKey: base.mutationKey,
      mutationFn: base.mutationFn!,
      // Invalidate first, so the caller's onSuccess sees fresh lists.
      onSuccess: async (data, variables, result, context) => {
        await base.onSuccess?.(data, variables, result, context);
        return onSuccess?.(data, variables, result, context);
      },
    });
  }
  return Object.assign(useA2EMutation, { operationId: factory.operationId, kind: 'mutation' as const });
}
