// `<op>InfiniteOptions` with useInfiniteQuery: pages are asked for by the spec's paging parameters, and the
// walk stops at a short page or at the total, as the client's paginate does.
import { createA2EClient } from '@a2e-sdk/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { listDubbingsInfiniteOptions, listDubbingsQueryKey } from '../src/index.js';
import { prismClient, providerFor } from './helpers.js';

/** A client whose fetch answers the dubbing list from `rows`, `pageSize` at a time, with or without a total. */
function listClient(rows: number, { withTotal }: { withTotal: boolean }) {
  const asked: string[] = [];
  const client = createA2EClient({
    baseUrl: 'http://list.test',
    apiKey: 'sk_infinite',
    maxRetries: 0,
    fetch: async (url) => {
      const u = new URL(String(url));
      asked.push(u.search);
      const page = Number(u.searchParams.get('pageNum'));
      const size = Number(u.searchParams.get('pageSize'));
      const all = Array.from({ length: rows }, (_, i) => ({ _id: `d${i}` }));
      const data = { rows: all.slice((page - 1) * size, page * size), ...(withTotal && { count: rows }) };
      return new Response(JSON.stringify({ code: 0, data }), { headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, asked };
}

describe('infinite options', () => {
  it('read the first page from Prism with the paging parameters, in a cache apart from the one-page query', async () => {
    const { client, sent } = prismClient();
    const { wrapper, queryClient } = providerFor(client);
    const options = listDubbingsInfiniteOptions(client, { pageSize: 1 });
    const { result } = renderHook(() => useInfiniteQuery(options), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/userDubbing/allRecords?pageSize=1&pageNum=1']);
    expect(result.current.data?.pages[0]?.rows?.[0]?.current_status).toBe('completed');
    // Prism's example holds one row of a total of one: nothing more to ask for.
    expect(result.current.hasNextPage).toBe(false);
    expect(queryClient.getQueryData(options.queryKey)?.pageParams).toEqual([1]);
    expect(queryClient.getQueryData(listDubbingsQueryKey({ pageSize: 1 }))).toBeUndefined();
  });

  it('walk full pages until the total is reached', async () => {
    const { client, asked } = listClient(4, { withTotal: true });
    const { result } = renderHook(
      () => useInfiniteQuery(listDubbingsInfiniteOptions(client, { pageSize: 2 })),
      providerFor(client),
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages.map((p) => p.rows?.length)).toEqual([2, 2]));
    expect(result.current.hasNextPage).toBe(false); // 4 of 4 seen, though the last page was full
    expect(asked).toEqual(['?pageSize=2&pageNum=1', '?pageSize=2&pageNum=2']);
  });

  it('stop at a short page when no total is given', async () => {
    const { client, asked } = listClient(3, { withTotal: false });
    const { result } = renderHook(
      () => useInfiniteQuery(listDubbingsInfiniteOptions(client, { pageSize: 2 })),
      providerFor(client),
    );
    await waitFor(() => expect(result.current.hasNextPage).toBe(true)); // a full page and no total: maybe more
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages.map((p) => p.rows?.length)).toEqual([2, 1]));
    expect(result.current.hasNextPage).toBe(false);
    expect(asked).toHaveLength(2);
  });
});
