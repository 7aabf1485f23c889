// `<op>InfiniteOptions` factories: `infiniteQueryOptions` for a read the spec marks as paged (`x-a2e-paging`),
// for `useInfiniteQuery` and `prefetchInfiniteQuery`. A page's rows and the total are found where the spec
// says; the next page is asked for only while the last one was full and the total (when known) not reached,
// the rule the client's `paginate` follows.
import type { A2EClient, A2EError, OperationData, OperationInput, RequestOptions } from '@a2e-sdk/client';
import { infiniteQueryOptions } from '@tanstack/react-query';
import type {
  A2EInfiniteData,
  A2EInfiniteQueryKey,
  A2EInfiniteQueryOptions,
  InfiniteOptionsFactory,
  PagedReadOperationId,
  PagingDescription,
} from '../types.js';
import { tagOf } from './keys.js';

/** Rows per page when the input names none (the client's `paginate` uses the same). */
const DEFAULT_PAGE_SIZE = 20;

/** A value at a dotted path of the page's `data` (the spec's paths start at the body root, `data.…`). */
function inData(data: unknown, dotted: string): unknown {
  const keys = dotted.split('.');
  if (keys[0] !== 'data') return undefined;
  return keys.slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);
}

/** Makes `<op>InfiniteOptions(client, input, request)` for one paged read. */
export function infiniteOptionsFactory<K extends PagedReadOperationId>(
  operationId: K,
  paging: PagingDescription,
): InfiniteOptionsFactory<K> {
  const tag = tagOf(operationId);
  const factory = (client: A2EClient, input: Partial<OperationInput<K>> = {}, request?: RequestOptions) => {
    const given = input as Record<string, unknown>;
    const size = typeof given[paging.size] === 'number' ? (given[paging.size] as number) : DEFAULT_PAGE_SIZE;
    const first = typeof given[paging.page] === 'number' ? (given[paging.page] as number) : 1;
    const queryKey: A2EInfiniteQueryKey<K> = [{ _id: operationId, tag, input, infinite: true }];
    return infiniteQueryOptions<OperationData<K>, A2EError, A2EInfiniteData<K>, A2EInfiniteQueryKey<K>, number>({
      queryKey,
      queryFn: ({ pageParam, signal }) => {
        const pageInput = { ...given, [paging.page]: pageParam, [paging.size]: size } as OperationInput<K>;
        const options = { ...request, signal: request?.signal ?? signal };
        return client.call(operationId, pageInput, options).then((r) => r.data);
      },
      initialPageParam: first,
      getNextPageParam: (lastPage, allPages, lastPageParam) => {
        const rows = inData(lastPage, paging.items);
        const count = Array.isArray(rows) ? rows.length : 0;
        if (count === 0 || count < size) return undefined;
        const total = paging.total ? inData(lastPage, paging.total) : undefined;
        const seen = allPages.reduce<number>((n, page) => {
          const pageRows = inData(page, paging.items);
          return n + (Array.isArray(pageRows) ? pageRows.length : 0);
        }, 0);
        if (typeof total === 'number' && seen >= total) return undefined;
        return lastPageParam + 1;
      },
      // As for one-page queries: the client already retries by kind.
      retry: false,
    }) as A2EInfiniteQueryOptions<K>;
  };
  return Object.assign(factory, { operationId, paging });
}
