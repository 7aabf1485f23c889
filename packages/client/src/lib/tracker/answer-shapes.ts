// Reading the answers of batch and list calls, whose shape A2E does not document. A batch answer may
// be a bare array, `{rows}`, `{list}` (or `{data}`) around one, or an object keyed by job id; records are
// matched by `_id`, never by position. Anything else is unreadable, and the tracker falls back to
// per-job detail calls for that round.

export type JobRow = Record<string, unknown>;

const isRow = (v: unknown): v is JobRow => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The shapes a batch answer was seen or assumed in; the name is reported in the tracker's log event. */
export type BatchShape = 'array' | 'rows' | 'list' | 'data' | 'keyed';

/**
 * Records of `data` by job id, for the ids asked (`_id` first, `id` as a second name), with the shape
 * read; undefined when `data` takes none of the known shapes.
 */
export function readBatchAnswer(
  data: unknown,
  ids: readonly string[],
): { shape: BatchShape; records: Map<string, JobRow> } | undefined {
  const byId = (rows: unknown[]): Map<string, JobRow> | undefined => {
    if (!rows.every(isRow)) return undefined;
    const records = new Map<string, JobRow>();
    for (const row of rows as JobRow[]) {
      const id = row._id ?? row.id;
      if (typeof id === 'string' || typeof id === 'number') records.set(String(id), row);
    }
    // Rows none of which carries an id cannot be matched: unreadable, not "every job missing".
    return rows.length && !records.size ? undefined : records;
  };
  if (Array.isArray(data)) {
    const records = byId(data);
    return records && { shape: 'array', records };
  }
  if (!isRow(data)) return undefined;
  for (const key of ['rows', 'list', 'data'] as const) {
    const inner = data[key];
    if (Array.isArray(inner)) {
      const records = byId(inner);
      return records && { shape: key, records };
    }
  }
  // An object keyed by id: read only when some asked id is a key and every such value is a record.
  const keyed = ids.filter((id) => Object.hasOwn(data, id));
  if (keyed.length && keyed.every((id) => isRow(data[id]))) {
    return { shape: 'keyed', records: new Map(keyed.map((id) => [id, data[id] as JobRow])) };
  }
  return undefined;
}

/** The rows of a list page, at the dotted `items` path of the paging annotation (from the body root). */
export function rowsAt(body: unknown, items: string): JobRow[] | undefined {
  const value = items.split('.').reduce<unknown>((v, k) => (isRow(v) ? v[k] : undefined), body);
  return Array.isArray(value) && value.every(isRow) ? (value as JobRow[]) : undefined;
}
