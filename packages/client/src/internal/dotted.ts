// Reading a value at a dotted path of a parsed answer (`data.rows`, `data._id`), as the spec's paging and
// job annotations name them. Own properties of plain objects only: an answer cannot reach `__proto__` or
// a prototype's members, and an array on the way is not stepped into.

/** The value at `dotted` in `value`, or undefined when a step is missing or not a plain object. */
export function valueAt(value: unknown, dotted: string): unknown {
  let v = value;
  for (const key of dotted.split('.')) {
    v =
      v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, key)
        ? (v as Record<string, unknown>)[key]
        : undefined;
  }
  return v;
}
