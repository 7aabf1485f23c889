// The API key must never reach an error, a log line or a snapshot. Everything the client puts into an
// error or a log event passes through here first.
//
// The walk has no depth limit (a server can nest an echo of the key as deep as it likes) and keeps a
// map of what it already copied, so a cycle is copied as a cycle instead of looping. It runs on error
// paths only, never on a successful answer.

/** What a secret is replaced with, in errors, log events and the proxy's answers. */
export const MASK = '[redacted]';

/** A redactor for the given secrets: replaces each (and its Bearer form) wherever it occurs. */
export function createRedactor(secrets: (string | undefined)[]): <T>(value: T) => T {
  const given = secrets.filter((s): s is string => !!s && s.length >= 4);
  // A server may echo the key percent-encoded (it came back in a URL or a Location) or JSON-escaped.
  const list = [...new Set(given.flatMap((s) => [s, encodeSafely(s), JSON.stringify(s).slice(1, -1)]))]
    .filter((s) => s.length >= 4)
    .sort((a, b) => b.length - a.length);
  if (!list.length) return (v) => v;
  const scrub = (s: string) => {
    for (const secret of list) if (s.includes(secret)) s = s.split(secret).join(MASK);
    return s;
  };
  return <T>(value: T) => redactValue(value, scrub) as T;
}

function encodeSafely(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s; // a lone surrogate: no encoded form exists, so none can be echoed
  }
}

/** A copy of `root` with every string (values and keys) scrubbed; Errors and Headers keep their class. */
function redactValue(root: unknown, scrub: (s: string) => string): unknown {
  if (typeof root === 'string') return scrub(root);
  if (!root || typeof root !== 'object') return root;
  const copies = new Map<object, unknown>();
  // An explicit stack rather than recursion: a body nested 100,000 deep must not overflow the call stack.
  const stack: (() => void)[] = [];
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (!v || typeof v !== 'object') return v;
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (typeof Headers !== 'undefined' && v instanceof Headers) {
      const h = new Headers();
      v.forEach((value, key) => h.append(key, scrub(value)));
      copies.set(v, h);
      return h;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      copies.set(v, out);
      stack.push(() => {
        for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      });
      return out;
    }
    // Errors keep their prototype (instanceof still works) and their own non-enumerable fields.
    const out: Record<string, unknown> = v instanceof Error ? Object.create(Object.getPrototypeOf(v)) : {};
    copies.set(v, out);
    stack.push(() => {
      const keys = v instanceof Error ? Object.getOwnPropertyNames(v) : Object.keys(v);
      for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(v, key);
        if (!desc || !('value' in desc)) continue; // getters are not called: they could have effects
        Object.defineProperty(out, scrub(key), {
          ...desc,
          value: copy(desc.value),
          writable: true,
          configurable: true,
        });
      }
    });
    return out;
  };
  const result = copy(root);
  while (stack.length) stack.pop()!();
  return result;
}
