// `<op>Mutation` factories: `mutationOptions` for one write. A write or paid call is never retried here: the
// client already replays it only where the server provably did not take it.
import type { A2EClient, A2EError, OperationData, OperationInput, RequestOptions } from '@a2e-sdk/client';
import { mutationOptions } from '@tanstack/react-query';
import type {
  A2EMutationOptions,
  MutationFactory,
  MutationOperationId,
  MutationVariables,
  ReadOperationId,
} from '../types.js';
import { mutationKeyOf } from './keys.js';

/**
 * Makes `<op>Mutation(client, request)`. `invalidates` lists the reads the spec says it makes stale
 * (`x-a2e-invalidates`); they are invalidated on success and the mutation settles once active ones have refetched.
 */
export function mutationOptionsFactory<K extends MutationOperationId>(
  operationId: K,
  invalidates: readonly ReadOperationId[] = [],
): MutationFactory<K> {
  const mutationKey = mutationKeyOf(operationId);
  const factory = (client: A2EClient, request?: RequestOptions) =>
    mutationOptions<OperationData<K>, A2EError, MutationVariables<K>>({
      mutationKey,
      mutationFn: (input) =>
        client.call(operationId, (input ?? undefined) as OperationInput<K> | undefined, request).then((r) => r.data),
      ...(invalidates.length > 0 && {
        onSuccess: (_data, _variables, _result, { client: queryClient }) =>
          Promise.all(invalidates.map((id) => queryClient.invalidateQueries({ queryKey: [{ _id: id }] }))),
      }),
    }) as A2EMutationOptions<K>;
  return Object.assign(factory, { operationId, invalidates });
}
