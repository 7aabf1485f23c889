// Operation sets and shapes the hooks are typed with, derived from the client's table and types: a new
// operation in the spec gets its hook types with no hand-written code.
import type {
  A2EClient,
  A2EError,
  api,
  OperationArgs,
  OperationData,
  OperationId,
  OperationInput,
  PagedOperationId,
  RequestOptions,
  Tag,
} from '@a2e-sdk/client';
import type {
  DataTag,
  InfiniteData,
  UseInfiniteQueryOptions,
  UseMutationOptions,
  UseMutationResult,
  UseQueryOptions,
  UseQueryResult,
} from '@tanstack/react-query';

type Api = typeof api;
type OperationsOfKind<Kinds extends string> = {
  [T in Tag]: {
    [K in keyof Api[T]]: Api[T][K] extends { kind: infer Kind } ? (Kind extends Kinds ? K : never) : never;
  }[keyof Api[T]];
}[Tag] &
  OperationId;

/** Operations marked `x-a2e-kind: read` (read-only POSTs included): each has a query hook. */
export type ReadOperationId = OperationsOfKind<'read'>;
/** Operations marked `write` or `paid`: each has a mutation hook. */
export type MutationOperationId = OperationsOfKind<'write' | 'paid'>;

/** Reads the spec marks as paged (`x-a2e-paging`): each has `<op>InfiniteOptions`. */
export type PagedReadOperationId = PagedOperationId & ReadOperationId;

/** `[input]`, optional when the operation needs no input. */
export type InputArg<K extends OperationId> =
  {} extends OperationInput<K> ? [input?: OperationInput<K>] : [input: OperationInput<K>];

/**
 * The query key of a read: one object, so a partial key matches many queries —
 * `[{ tag: 'dubbing' }]` every dubbing read, `[{ _id: 'listDubbings' }]` every page of that list.
 */
export type A2EQueryKey<K extends ReadOperationId> = readonly [
  { readonly _id: K; readonly tag: Tag; readonly input: OperationInput<K> },
];
/** The mutation key of a write: `[{ _id, tag }]`, for `useMutationState` and `useIsMutating`. */
export type A2EMutationKey<K extends MutationOperationId> = readonly [{ readonly _id: K; readonly tag: Tag }];

/** What a query hook takes besides the input: TanStack's options, plus `request` for the call itself. */
export type A2EQueryHookOptions<K extends ReadOperationId, TData = OperationData<K>> = Omit<
  UseQueryOptions<OperationData<K>, A2EError, TData, A2EQueryKey<K>>,
  'queryKey' | 'queryFn'
> & {
  /** Headers, timeout, retries for the HTTP call (not part of the query key). */
  request?: RequestOptions;
};

export type QueryHookArgs<K extends ReadOperationId, TData> =
  {} extends OperationInput<K>
    ? [input?: OperationInput<K>, options?: A2EQueryHookOptions<K, TData>]
    : [input: OperationInput<K>, options?: A2EQueryHookOptions<K, TData>];

/** A mutation's variables: the operation's input, which may be left out when nothing is required. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `mutate()` be called with no argument, as TanStack types it
export type MutationVariables<K extends MutationOperationId> =
  {} extends OperationInput<K> ? OperationInput<K> | void : OperationInput<K>;

/** What a mutation hook takes: TanStack's options, plus `request` for the call itself. */
export type A2EMutationHookOptions<K extends MutationOperationId, TOnMutateResult = unknown> = Omit<
  UseMutationOptions<OperationData<K>, A2EError, MutationVariables<K>, TOnMutateResult>,
  'mutationKey' | 'mutationFn'
> & {
  /** Headers, timeout, retries for the HTTP call. */
  request?: RequestOptions;
};

/** Where a paged read's page number and size go, and where its rows and total are (dotted from the body root). */
export interface PagingDescription {
  readonly page: string;
  readonly size: string;
  readonly items: string;
  readonly total?: string;
}

/** The key of a paged read walked as an infinite query; `infinite` keeps its cache apart from the one-page query. */
export type A2EInfiniteQueryKey<K extends PagedReadOperationId> = readonly [
  { readonly _id: K; readonly tag: Tag; readonly input: Partial<OperationInput<K>>; readonly infinite: true },
];
/** The pages an infinite query holds, each the operation's `data`, numbered from the first page asked for. */
export type A2EInfiniteData<K extends PagedReadOperationId> = InfiniteData<OperationData<K>, number>;
/** What `<op>InfiniteOptions` returns: `infiniteQueryOptions` with a key tagged by the data type. */
export type A2EInfiniteQueryOptions<K extends PagedReadOperationId> = UseInfiniteQueryOptions<
  OperationData<K>,
  A2EError,
  A2EInfiniteData<K>,
  A2EInfiniteQueryKey<K>,
  number
> & { queryKey: DataTag<A2EInfiniteQueryKey<K>, A2EInfiniteData<K>, A2EError> };
/** `<op>InfiniteOptions(client, input, request)`: `input` may set the page size and the first page. */
export type InfiniteOptionsFactory<K extends PagedReadOperationId> = ((
  client: A2EClient,
  input?: Partial<OperationInput<K>>,
  request?: RequestOptions,
) => A2EInfiniteQueryOptions<K>) & { readonly operationId: K; readonly paging: PagingDescription };

// Named shapes of the generated exports, so declarations stay `QueryHook<'getDubbing'>` rather than expanded.

/** `<op>QueryKey(input)`. */
export type QueryKeyFactory<K extends ReadOperationId> = (...args: InputArg<K>) => A2EQueryKey<K>;

/** What `<op>Options` returns: `queryOptions` with a key tagged by the data type (so `getQueryData` infers it). */
export type A2EQueryOptions<K extends ReadOperationId> = UseQueryOptions<
  OperationData<K>,
  A2EError,
  OperationData<K>,
  A2EQueryKey<K>
> & {
  queryKey: DataTag<A2EQueryKey<K>, OperationData<K>, A2EError>;
};
/** `<op>Options(client, input, request)`. */
export type QueryOptionsFactory<K extends ReadOperationId> = (
  client: A2EClient,
  ...args: OperationArgs<K>
) => A2EQueryOptions<K>;

/** A query hook, e.g. `useDubbing`; `operationId` and `kind` say what it calls. */
export type QueryHook<K extends ReadOperationId> = (<TData = OperationData<K>>(
  ...args: QueryHookArgs<K, TData>
) => UseQueryResult<TData, A2EError>) & {
  readonly operationId: K;
  readonly kind: 'query';
};

/** What `<op>Mutation` returns: `mutationOptions` with a key. */
export type A2EMutationOptions<K extends MutationOperationId> = UseMutationOptions<
  OperationData<K>,
  A2EError,
  MutationVariables<K>
> & { mutationKey: A2EMutationKey<K> };
/** `<op>Mutation(client, request)`; `invalidates` names the reads it makes stale. */
export type MutationFactory<K extends MutationOperationId> = ((
  client: A2EClient,
  request?: RequestOptions,
) => A2EMutationOptions<K>) & {
  readonly operationId: K;
  readonly invalidates: readonly ReadOperationId[];
};

/** A mutation hook, e.g. `useStartDubbing`. */
export type MutationHook<K extends MutationOperationId> = (<TOnMutateResult = unknown>(
  options?: A2EMutationHookOptions<K, TOnMutateResult>,
) => UseMutationResult<OperationData<K>, A2EError, MutationVariables<K>, TOnMutateResult>) & {
  readonly operationId: K;
  readonly kind: 'mutation';
};
