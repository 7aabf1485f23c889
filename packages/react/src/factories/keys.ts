// Query and mutation keys. Every key is one object in an array, so TanStack's partial matching can pick
// queries by operation, by tag, or by operation and input.
import { api, type OperationId, type Tag } from '@a2e-sdk/client';
import type {
  A2EMutationKey,
  A2EQueryKey,
  InputArg,
  MutationOperationId,
  QueryKeyFactory,
  ReadOperationId,
} from '../types.js';

const tags = new Map<string, Tag>(
  Object.entries(api).flatMap(([tag, ops]) => Object.keys(ops).map((id) => [id, tag as Tag] as const)),
);

/** The tag an operation belongs to in the spec. */
export function tagOf(operationId: OperationId): Tag {
  const tag = tags.get(operationId);
  if (!tag) throw new Error(`Unknown A2E operation "${operationId}"`);
  return tag;
}

/** Makes `<op>QueryKey(input)`: the full key of one read with one input. */
export function queryKeyFactory<K extends ReadOperationId>(operationId: K): QueryKeyFactory<K> {
  const tag = tagOf(operationId);
  return (...[input]: InputArg<K>): A2EQueryKey<K> => [
    { _id: operationId, tag, input: (input ?? {}) as A2EQueryKey<K>[0]['input'] },
  ];
}

/** The key of a mutation. */
export const mutationKeyOf = <K extends MutationOperationId>(operationId: K): A2EMutationKey<K> => [
  { _id: operationId, tag: tagOf(operationId) },
];

/** Partial keys for `invalidateQueries` / `removeQueries`: every read of an operation, or of a tag. */
export const a2eKeys = {
  /** Every query of an operation, whatever its input: `[{ _id }]`. */
  operation: (operationId: ReadOperationId) => [{ _id: operationId }] as const,
  /** Every query of a spec tag: `[{ tag }]`. */
  tag: (tag: Tag) => [{ tag }] as const,
};
