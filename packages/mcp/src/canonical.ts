// Canonical JSON (keys sorted at every level) and its SHA-256: a confirmation is bound to this hash of
// the operation and its input, so any change of a field, however small, needs a new quote.
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The binding of a confirmation: operation and input, hashed. */
export function requestHash(operationId: string, input: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ operationId, input: input ?? {} }))
    .digest('hex');
}
