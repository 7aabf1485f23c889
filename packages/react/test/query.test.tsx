// Query hooks against Prism: data arrives unwrapped, keys are the exported ones, errors are the client's.
import { AuthenticationError, NotFoundError } from '@a2e-sdk/client';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, inject, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import {
  A2EProvider,
  getDubbingOptions,
  getDubbingQueryKey,
  listDubbingsQueryKey,
  useDubbing,
  useDubbingList,
  useRemainingCoins,
} from '../src/index.js';
import { prismClient, providerFor } from './helpers.js';

describe('query hooks', () => {
  it('useDubbing reads one record by path parameter, cached under getDubbingQueryKey', async () => {
    const { client, sent } = prismClient();
    const { wrapper, queryClient } = providerFor(client);
    const { result } = renderHook(() => useDubbing({ _id: '66ea4dd87db10c73fa29b570' }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.current_status).toBe('completed');
    expect(result.current.data?._id).toBe('66ea4dd87db10c73fa29b570');
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/v1/userDubbing/66ea4dd87db10c73fa29b570']);
    expect(queryClient.getQueryData(getDubbingQueryKey({ _id: '66ea4dd87db10c73fa29b570' }))).toEqual(
      result.current.data,
    );
  });

  it('useDubbingList sends its input as query parameters and keys each page apart', async () => {
    const { client, sent } = prismClient();
    const { wrapper, queryClient } = providerFor(client);
    const { result } = renderHook(() => useDubbingList({ pageNum: 2, pageSize: 5 }), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.rows?.[0]?.current_status).toBe('completed');
    expect(sent[0]!.path).toBe('/api/v1/userDubbing/allRecords?pageNum=2&pageSize=5');
    expect(queryClient.getQueryData(listDubbingsQueryKey({ pageNum: 2, pageSize: 5 }))).toBeDefined();
    expect(queryClient.getQueryData(listDubbingsQueryKey({ pageNum: 1, pageSize: 5 }))).toBeUndefined();
  });

  it('an operation without input can be called with none', async () => {
    const { client } = prismClient();
    const { result } = renderHook(() => useRemainingCoins(), providerFor(client));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(expect.objectContaining({ coins: expect.any(Number) }));
  });

  it("surfaces the client's typed error, once (the client retries, TanStack does not)", async () => {
    const { client, sent } = prismClient();
    const { result } = renderHook(
      () => useDubbing({ _id: 'missing' }, { request: { headers: { prefer: 'code=404' } } }),
      providerFor(client),
    );
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(sent).toHaveLength(1);
  });

  it('getDubbingOptions prefetches into the same cache entry the hook reads', async () => {
    const { client, sent } = prismClient();
    const { wrapper, queryClient } = providerFor(client);
    await queryClient.prefetchQuery(getDubbingOptions(client, { _id: 'abc' }));
    const { result } = renderHook(() => useDubbing({ _id: 'abc' }, { staleTime: 60_000 }), { wrapper });
    expect(result.current.data?.current_status).toBe('completed');
    expect(sent).toHaveLength(1);
  });

  it('A2EProvider given only a baseUrl makes a client that holds no key, even with A2E_API_KEY set', async () => {
    vi.stubEnv('A2E_API_KEY', 'sk_server_secret');
    try {
      const wrapper = ({ children }: { children: ReactNode }) => (
        <A2EProvider baseUrl={inject('prismUrl')}>{children}</A2EProvider>
      );
      const { result } = renderHook(() => useRemainingCoins(), { wrapper });
      await waitFor(() => expect(result.current.isError).toBe(true));
      expect(result.current.error).toBeInstanceOf(AuthenticationError); // Prism wants a token; none was sent
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
