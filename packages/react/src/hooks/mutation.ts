// Mutation hooks: each is one line over its `<op>Mutation` factory, with the client from the provider.
import type { A2EError, OperationData } from '@a2e-sdk/client';
import { type UseMutationResult, useMutation } from '@tanstack/react-query';
import { useA2EClient } from '../provider.js';
import type {
  A2EMutationHookOptions,
  MutationFactory,
  MutationHook,
  MutationOperationId,
  MutationVariables,
} from '../types.js';

/** Makes the mutation hook of one write, e.g. `useStartDubbing()`. */
export function mutationHook<K extends MutationOperationId>(factory: MutationFactory<K>): MutationHook<K> {
  function useA2EMutation<TOnMutateResult = unknown>(
    options: A2EMutationHookOptions<K, TOnMutateResult> = {},
  ): UseMutationResult<OperationData<K>, A2EError, MutationVariables<K>, TOnMutateResult> {
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
