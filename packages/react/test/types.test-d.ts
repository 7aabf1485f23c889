// Type tests (vitest typecheck): keys, options and hooks carry each operation's types through TanStack, so
// `getQueryData` and `useQuery` infer the answer without an annotation.
import type { A2EClient, A2EError, OperationData, OperationInput } from '@a2e-sdk/client';
import { type InfiniteData, QueryClient } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import * as react from '../src/index.js';
import {
  type A2EInfiniteQueryKey,
  type A2EQueryKey,
  getDubbingOptions,
  getDubbingQueryKey,
  listDubbingsInfiniteOptions,
  listDubbingsOptions,
  startDubbingMutation,
  useDubbing,
  useDubbingList,
  useStartDubbing,
} from '../src/index.js';

declare const client: A2EClient;
const queryClient = new QueryClient();

describe('query keys', () => {
  it('hold the operation id and its input type', () => {
    expectTypeOf(getDubbingQueryKey({ _id: 'd1' })).toEqualTypeOf<A2EQueryKey<'getDubbing'>>();
    expectTypeOf(getDubbingQueryKey({ _id: 'd1' })[0]._id).toEqualTypeOf<'getDubbing'>();
    expectTypeOf(getDubbingQueryKey({ _id: 'd1' })[0].input).toEqualTypeOf<OperationInput<'getDubbing'>>();
    // @ts-expect-error getDubbing needs its `_id`
    getDubbingQueryKey();
    // @ts-expect-error the input is the operation's, not any object
    getDubbingQueryKey({ id: 'd1' });
  });
});

describe('options factories', () => {
  it('tag the key, so getQueryData infers the answer', () => {
    const options = getDubbingOptions(client, { _id: 'd1' });
    expectTypeOf(queryClient.getQueryData(options.queryKey)).toEqualTypeOf<OperationData<'getDubbing'> | undefined>();
    const list = listDubbingsOptions(client, {});
    expectTypeOf(queryClient.getQueryData(list.queryKey)).toEqualTypeOf<OperationData<'listDubbings'> | undefined>();
  });

  it('give paged reads infinite options whose pages are the operation data', () => {
    const infinite = listDubbingsInfiniteOptions(client, { pageSize: 50 });
    expectTypeOf(infinite.queryKey[0]).toMatchTypeOf<A2EInfiniteQueryKey<'listDubbings'>[0]>();
    expectTypeOf(queryClient.getQueryData(infinite.queryKey)).toEqualTypeOf<
      InfiniteData<OperationData<'listDubbings'>, number> | undefined
    >();
  });

  it('exist for paged reads only', () => {
    expectTypeOf(react).toHaveProperty('listDubbingsInfiniteOptions');
    expectTypeOf(react).not.toHaveProperty('getDubbingInfiniteOptions');
    expectTypeOf(react).not.toHaveProperty('startDubbingOptions');
  });

  it('type a mutation by its input and answer', () => {
    const options = startDubbingMutation(client);
    expectTypeOf(options.mutationKey[0]._id).toEqualTypeOf<'startDubbing'>();
    expectTypeOf(startDubbingMutation.invalidates).toEqualTypeOf<readonly react.ReadOperationId[]>();
  });
});

// Components at module level: type tests are not run, but the rules of hooks still apply to how they read.
function DubbingPage() {
  const dubbing = useDubbing({ _id: 'd1' });
  expectTypeOf(dubbing.data).toEqualTypeOf<OperationData<'getDubbing'> | undefined>();
  expectTypeOf(dubbing.error).toEqualTypeOf<A2EError | null>();
  const list = useDubbingList();
  expectTypeOf(list.data).toEqualTypeOf<OperationData<'listDubbings'> | undefined>();
  const start = useStartDubbing();
  expectTypeOf(start.mutateAsync).returns.toEqualTypeOf<Promise<OperationData<'startDubbing'>>>();
  expectTypeOf(start.error).toEqualTypeOf<A2EError | null>();
  return null;
}

function DubbingName() {
  const name = useDubbing({ _id: 'd1' }, { select: (record) => record.name });
  expectTypeOf(name.data).toEqualTypeOf<string | undefined>();
  return null;
}

describe('hooks', () => {
  it('answer with the operation data and the SDK error, and let `select` change the data type', () => {
    expectTypeOf(DubbingPage).toBeFunction();
    expectTypeOf(DubbingName).toBeFunction();
  });
});
