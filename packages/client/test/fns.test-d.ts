// Compile-time contract of the per-operation functions (checked by `tsc --noEmit`, i.e. `pnpm typecheck`):
// typed exactly as the grouped methods, taking a client or a lean core first.
import { expectTypeOf } from 'vitest';
import {
  createA2EClient,
  type OperationData,
  type PaidOperationId,
  type ReadOperationId,
  type WriteOperationId,
} from '../src/index.js';
import { createA2ECore, getDubbing, getRemainingCoins, startDubbing } from '../src/fns.js';

const core = createA2ECore({ apiKey: 'sk_x' });
const a2e = createA2EClient({ apiKey: 'sk_x' });

export async function contract() {
  expectTypeOf(await getDubbing(core, { _id: 'x' })).toEqualTypeOf<OperationData<'getDubbing'>>();
  expectTypeOf(await getDubbing(a2e, { _id: 'x' })).toEqualTypeOf<Awaited<ReturnType<typeof a2e.dubbing.getDubbing>>>();
  expectTypeOf(getRemainingCoins).parameters.toEqualTypeOf<
    [target: import('../src/index.js').Invoker, input?: {}, options?: import('../src/index.js').RequestOptions]
  >();
  expectTypeOf<'getDubbing'>().toMatchTypeOf<ReadOperationId>();
  expectTypeOf<'startDubbing'>().toMatchTypeOf<PaidOperationId>();
  expectTypeOf<'deleteDubbing'>().toMatchTypeOf<WriteOperationId>();

  // @ts-expect-error a missing path parameter does not compile
  await getDubbing(core, {});
  // @ts-expect-error a body field of the wrong type does not compile
  await startDubbing(core, { num_speakers: 'two' });
  // @ts-expect-error a function needs a client or a core first
  await getDubbing({ _id: 'x' });
  // @ts-expect-error a paid start is not a read
  expectTypeOf<'startDubbing'>().toMatchTypeOf<ReadOperationId>();
}
