// Mutation hooks against Prism: a write refetches exactly the reads its `x-a2e-invalidates` names, nothing else.
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  useAddUser,
  useDeleteDubbing,
  useDubbing,
  useDubbingList,
  useKlingVideoList,
  useLanguageList,
  useRenameKlingVideo,
  useStartDubbing,
} from '../src/index.js';
import { prismClient, providerFor } from './helpers.js';

const LIST = '/api/v1/userDubbing/allRecords?pageNum=1';

describe('mutation hooks', () => {
  it('useStartDubbing starts a job and refetches the dubbing lists before it settles', async () => {
    const { client, sent } = prismClient();
    const { wrapper } = providerFor(client);
    const { result } = renderHook(
      () => ({ list: useDubbingList({ pageNum: 1 }), one: useDubbing({ _id: 'x1' }), start: useStartDubbing() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.list.isSuccess && result.current.one.isSuccess).toBe(true));
    expect(sent.filter((s) => s.path === LIST)).toHaveLength(1);

    let job: Awaited<ReturnType<typeof result.current.start.mutateAsync>> | undefined;
    await act(async () => {
      job = await result.current.start.mutateAsync({ source_url: 'https://x/a.mp3', target_lang: 'fr' });
    });
    expect(job?._id).toEqual(expect.any(String));
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual(['/api/v1/userDubbing/startDubbing']);
    expect(sent.filter((s) => s.path === LIST)).toHaveLength(2); // the list, again
    expect(sent.filter((s) => s.path === '/api/v1/userDubbing/x1')).toHaveLength(1); // a single record is not a list
  });

  it("useDeleteDubbing also refetches the list; the caller's onSuccess runs after", async () => {
    const { client, sent } = prismClient();
    const order: string[] = [];
    const { result } = renderHook(
      () => ({
        list: useDubbingList({ pageNum: 1 }),
        remove: useDeleteDubbing({
          onSuccess: () => {
            order.push(`onSuccess after ${sent.filter((s) => s.path === LIST).length} list reads`);
          },
        }),
      }),
      providerFor(client),
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.remove.mutateAsync({ _id: 'x1' }));
    expect(sent.some((s) => s.method === 'DELETE' && s.path === '/api/v1/userDubbing/x1')).toBe(true);
    expect(order).toEqual(['onSuccess after 2 list reads']);
  });

  it('a rename refetches the list that shows the renamed row (the spec says so)', async () => {
    const { client, sent } = prismClient();
    const { result } = renderHook(
      () => ({ list: useKlingVideoList(), rename: useRenameKlingVideo() }),
      providerFor(client),
    );
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    await act(() => result.current.rename.mutateAsync({ _id: 'k1', name: 'new name' } as never));
    expect(sent.map((s) => s.method)).toEqual(['GET', 'PUT', 'GET']);
  });

  it('a write the spec gives no x-a2e-invalidates leaves every list alone (addUser, once guessed from its verb)', async () => {
    const { client, sent } = prismClient();
    const { result } = renderHook(() => ({ languages: useLanguageList(), add: useAddUser() }), providerFor(client));
    await waitFor(() => expect(result.current.languages.isSuccess).toBe(true));
    await act(() => result.current.add.mutateAsync({} as never));
    expect(sent.map((s) => s.path.split('?')[0])).toEqual(['/api/v1/anchor/language_list', '/api/v1/user/add']);
  });
});
