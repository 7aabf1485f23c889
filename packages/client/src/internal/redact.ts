// The API key must never reach an error, a log line or a snapshot. Everything the client puts into an
// error or a log event passes through here first.

/** What a secret is replaced with, in errors, log events and the proxy's answers. */
export const MASK = '[redacted]';

/** A redactor for the given secrets: replaces each (and its Bearer form) wherever it occurs. */
export function createRedactor(secrets: (string | undefined)[]): <T>(value: T) => T {
  const list = secrets.filter((s): s is string => !!s && s.length >= 4);
  if (!list.length) return (v) => v;
  const scrub = (s: string) => list.reduce((acc, secret) => acc.split(secret).join(MASK), s);
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (!v || typeof v !== 'object' || depth > 20) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, depth + 1)]));
  };
  return <T>(value: T) => walk(value, 0) as T;
}
