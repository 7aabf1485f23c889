// Every list operation the spec marks with x-a2e-paging can be walked row by row or page by page.
//
// A walk always ends: at a short or empty page, when the answer's total is reached, at a page that
// repeats the previous one (a server that ignores the page number), or — when no total ever comes
// and every page is full — after `maxPages` pages, with an error rather than a silent cut.
import { valueAt } from '../internal/dotted.js';
import { paging } from '../generated/api.gen.js';
import type { OperationData, OperationInput, PagedOperationId, PageItem, RequestOptions } from '../types.js';
import type { Call } from './call.js';
import { InvalidRequestError, InvalidResponseError } from './errors.js';

export interface Pager<K extends PagedOperationId> extends AsyncIterable<PageItem<K>> {
  /** Each page's whole `data`, in order. */
  pages(): AsyncIterable<OperationData<K>>;
}

export interface PaginateOptions extends RequestOptions {
  /** Most pages one walk requests before it fails with InvalidResponseError. Default 10000. */
  maxPages?: number;
}

/** Rows per page when the caller names none: known, so a short page can end the walk. */
const DEFAULT_PAGE_SIZE = 20;
/** 10,000 pages (200,000 rows at the default size): more than any A2E list holds, yet finite. */
const DEFAULT_MAX_PAGES = 10_000;

/** Paging input must be a whole number ≥ 1: 0 or NaN would request empty pages for ever. */
function wholeNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidRequestError(
      `paginate: "${name}" must be a whole number of at least 1, got ${typeof value === 'number' ? value : typeof value}`,
    );
  }
  return value;
}

export function paginate<K extends PagedOperationId>(
  call: Call,
  operationId: K,
  input: Partial<OperationInput<K>> = {},
  options: PaginateOptions = {},
): Pager<K> {
  const p = paging[operationId] as { page: string; size: string; items: string; total?: string };
  const given = input as Record<string, unknown>;
  // Checked here, before any request: a bad walk fails when it is made, not at its first page.
  const size = wholeNumber(given[p.size] ?? DEFAULT_PAGE_SIZE, p.size);
  const first = wholeNumber(given[p.page] ?? 1, p.page);
  const maxPages = wholeNumber(options.maxPages ?? DEFAULT_MAX_PAGES, 'maxPages');
  const { maxPages: _, ...requestOptions } = options;

  async function* pagesWithRows() {
    let seen = 0;
    let previous: string | undefined;
    for (let page = first, count = 1; ; page++, count++) {
      const { body, response } = await call(
        operationId,
        { ...given, [p.page]: page, [p.size]: size } as never,
        requestOptions,
      );
      const rows = valueAt(body, p.items);
      const list = Array.isArray(rows) ? rows : [];
      const fingerprint = list.length ? JSON.stringify(list) : '';
      if (list.length && fingerprint === previous) return; // the same rows again: the server ignores the page number
      previous = fingerprint;
      yield { data: (body as { data: OperationData<K> }).data, rows: list as PageItem<K>[] };
      seen += list.length;
      const total = p.total ? valueAt(body, p.total) : undefined;
      // An empty page ends the walk whatever the total says (a total larger than the rows that exist).
      if (list.length === 0 || list.length < size || (typeof total === 'number' && seen >= total)) return;
      if (count >= maxPages) {
        throw new InvalidResponseError(
          `${operationId}: still full pages after ${maxPages} pages (raise maxPages to walk further)`,
          response.status,
          new Headers(),
          operationId,
        );
      }
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
