// Public entry of @a2e-sdk/react.
export { A2EProvider, useA2EClient } from './provider.js';
export type { A2EProviderProps } from './provider.js';
export { useA2EJob } from './core/job.js';
export type { A2EJobOptions, A2EJobState } from './core/job.js';
export { a2eKeys, mutationKeyOf, queryKeyFactory, tagOf } from './core/keys.js';
export { queryHook, queryOptionsFactory } from './core/query.js';
export { mutationHook, mutationOptionsFactory } from './core/mutation.js';
export type {
  A2EMutationHookOptions, A2EMutationKey, A2EMutationOptions, A2EQueryHookOptions, A2EQueryKey, A2EQueryOptions, MutationFactory, MutationHook,
  MutationOperationId, MutationVariables, QueryHook, QueryKeyFactory, QueryOptionsFactory, ReadOperationId,
} from './types.js';
export * from './generated/hooks.gen.js';
export { useStreamingAvatar } from './core/streaming.js';
export type { AgoraClientLike, AgoraLike, AgoraRemoteTrack, AgoraRemoteUser, StreamingAvatarOptions, StreamingAvatarPhase, StreamingAvatarState } from './core/streaming.js';
