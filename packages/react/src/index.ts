// Public entry of @a2e-sdk/react. `factories/` make TanStack options and keys (no React in them);
// `hooks/` are the React hooks over them; `generated/` holds one set per operation of the spec.
export { A2EProvider, useA2EClient } from './provider.js';
export type { A2EProviderProps } from './provider.js';
export { a2eKeys, mutationKeyOf, queryKeyFactory, tagOf } from './factories/keys.js';
export { queryOptionsFactory } from './factories/query.js';
export { infiniteOptionsFactory } from './factories/infinite.js';
export { mutationOptionsFactory } from './factories/mutation.js';
export { queryHook } from './hooks/query.js';
export { mutationHook } from './hooks/mutation.js';
export { useA2EJob } from './hooks/job.js';
export type { A2EJobOptions, A2EJobState } from './hooks/job.js';
export type {
  A2EInfiniteData,
  A2EInfiniteQueryKey,
  A2EInfiniteQueryOptions,
  A2EMutationHookOptions,
  A2EMutationKey,
  A2EMutationOptions,
  A2EQueryHookOptions,
  A2EQueryKey,
  A2EQueryOptions,
  InfiniteOptionsFactory,
  MutationFactory,
  MutationHook,
  MutationOperationId,
  MutationVariables,
  PagedReadOperationId,
  PagingDescription,
  QueryHook,
  QueryKeyFactory,
  QueryOptionsFactory,
  ReadOperationId,
} from './types.js';
export * from './generated/hooks.gen.js';
export { useStreamingAvatar } from './hooks/streaming.js';
export type {
  AgoraClientLike,
  AgoraLike,
  AgoraRemoteTrack,
  AgoraRemoteUser,
  StreamingAvatarOptions,
  StreamingAvatarPhase,
  StreamingAvatarState,
} from './hooks/streaming.js';
