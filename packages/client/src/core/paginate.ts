// Every list operation the spec marks with x-a2e-paging can be walked row by row or page by page.
import { paging } from '../generated/api.gen.js';
import type { OperationData, OperationInput, PagedOperationId, PageItem, RequestOptions } from '../types.js';
import type { Call } from './call.js';

export interface Pager<K extends PagedOperationId> extends AsyncIterable<PageItem<K>> {
  /** Each page's whole `data`, in order. */
  pages(): AsyncIterable<OperationData<K>>;
}

/** Rows per page when the caller names none: known, so a short page can end the walk. */
const DEFAULT_PAGE_SIZE = 20;

const at = (value: unknown, dotted: string) => dotted.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

export function paginate<K extends PagedOperationId>(call: Call, operationId: K, input: Partial<OperationInput<K>> = {}, options: RequestOptions = {}): Pager<K> {
  const p = paging[operationId] as { page: string; size: string; items: string; total?: string };
  const given = input as Record<string, unknown>;
  const size = Number(given[p.size] ?? DEFAULT_PAGE_SIZE);

  async function* pagesWithRows() {
    let seen = 0;
    for (let page = Number(given[p.page] ?? 1); ; page++) {
      const { body } = await call(operationId, { ...given, [p.page]: page, [p.size]: size } as never, options);
      const rows = at(body, p.items);
      const list = Array.isArray(rows) ? rows : [];
      yield { data: (body as { data: OperationData<K> }).data, rows: list as PageItem<K>[] };
      seen += list.length;
      const total = p.total ? at(body, p.total) : undefined;
      if (list.length < size || (typeof total === 'number' && seen >= total)) return;
    }
  }

  return {
    async *[Symbol.asyncIterator]() {
      for await (const { rows } of pagesWithRows()) yield* rows;
    },
    async *pages() {
      for await (const { data } of pagesWithRows()) yield data;
    },
  };
}
