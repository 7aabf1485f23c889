// Compile-time contract of the named operations (checked by `tsc --noEmit`, i.e. `pnpm typecheck`).
import { expectTypeOf } from 'vitest';
import { createA2EClient, type JobRecord, type OperationData, type PageItem } from '../src/index.js';

const a2e = createA2EClient({ apiKey: 'sk_x' });

export async function contract() {
  expectTypeOf(a2e.dubbing.getDubbing).parameter(0).toEqualTypeOf<{ _id: string }>();
  expectTypeOf(await a2e.dubbing.getDubbing({ _id: 'x' })).toEqualTypeOf<OperationData<'getDubbing'>>();
  expectTypeOf<OperationData<'getDubbing'>['current_status']>().toEqualTypeOf<
    'initialized' | 'sent' | 'pending' | 'processing' | 'completed' | 'failed' | undefined
  >();
  expectTypeOf<PageItem<'listDubbings'>>().toEqualTypeOf<NonNullable<OperationData<'listDubbings'>['rows']>[number]>();
  expectTypeOf<JobRecord<'avatarVideo'>>().toHaveProperty('status');
  expectTypeOf(a2e.misc.getRemainingCoins).parameters.toEqualTypeOf<
    [input?: {}, options?: import('../src/index.js').RequestOptions]
  >();

  // @ts-expect-error a missing path parameter does not compile
  await a2e.dubbing.getDubbing({});
  // @ts-expect-error a path parameter of the wrong type does not compile
  await a2e.dubbing.getDubbing({ _id: 5 });
  // @ts-expect-error a body field of the wrong type does not compile
  await a2e.dubbing.startDubbing({ num_speakers: 'two' });
  // @ts-expect-error an unknown operation does not exist
  await a2e.dubbing.getNothing();
  // @ts-expect-error an unknown operationId is refused by call()
  await a2e.call('getNothing');
  // @ts-expect-error the raw client knows the paths too
  await a2e.GET('/api/v1/nowhere');
  // @ts-expect-error only paged operations can be paginated
  a2e.paginate('getDubbing');
  // @ts-expect-error only job families have waiters
  await a2e.waitFor.nothing('id');
}
