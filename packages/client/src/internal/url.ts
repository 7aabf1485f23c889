// Path and query building shared by the named operations and the openapi-fetch client (as its
// pathSerializer). Each path parameter becomes exactly one encoded segment: a missing, empty or
// dot-segment value is refused rather than sent, so an id like `..` cannot move the request elsewhere.
import { InvalidRequestError } from '../core/errors.js';

/** `.` and `..`, also percent-encoded: URL resolution would move a request to another path. */
export const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export function encodePathSegment(name: string, value: unknown): string {
  if (value === undefined || value === null) throw new InvalidRequestError(`Missing path parameter "${name}"`);
  const text = String(value);
  if (text === '') throw new InvalidRequestError(`Path parameter "${name}" is empty`);
  // WHATWG URLs resolve `.`/`..` (even percent-encoded) as dot segments, so no encoding makes them safe.
  if (DOT_SEGMENT.test(text)) throw new InvalidRequestError(`Path parameter "${name}" cannot be "${text}"`);
  return encodeURIComponent(text);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path template as a pattern: each `{param}` captures exactly one non-empty segment. */
export const templatePattern = (template: string) => new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('([^/]+)')}$`);

/** `/a/{_id}` + `{_id: 'x/y'}` → `/a/x%2Fy`. */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodePathSegment(name, params[name]));
}

/** Query string from a flat object: arrays repeat the key (form, explode), undefined is skipped. */
export function toQuery(params: Record<string, unknown>): string {
  let any = false;
  for (const k in params) if (params[k] !== undefined) { any = true; break; }
  if (!any) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) q.append(k, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
