// Path and query building shared by the named operations and the openapi-fetch client (as its
// pathSerializer). Each path parameter becomes exactly one encoded segment: a missing, empty or
// dot-segment value is refused rather than sent, so an id like `..` cannot move the request elsewhere.
import { InvalidRequestError } from '../core/errors.js';

/** `.` and `..`, also percent-encoded: URL resolution would move a request to another path. */
export const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export function encodePathSegment(name: string, value: unknown): string {
  if (value === undefined || value === null) throw new InvalidRequestError(`Missing path parameter "${name}"`);
  // Only a string or a finite number is an id; an object would be sent as "[object Object]".
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new InvalidRequestError(`Path parameter "${name}" must be a string or a number, not ${describeType(value)}`);
  }
  const text = String(value);
  if (text === '') throw new InvalidRequestError(`Path parameter "${name}" is empty`);
  // WHATWG URLs resolve `.`/`..` (even percent-encoded) as dot segments, so no encoding makes them safe.
  if (DOT_SEGMENT.test(text)) throw new InvalidRequestError(`Path parameter "${name}" cannot be "${text}"`);
  try {
    return encodeURIComponent(text);
  } catch {
    // URIError: a lone surrogate has no UTF-8 form, so no URL can carry it.
    throw new InvalidRequestError(`Path parameter "${name}" is not well-formed Unicode (a lone surrogate)`);
  }
}

/** A lone UTF-16 surrogate: URLSearchParams would silently turn it into U+FFFD, changing the value. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const describeType = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);

/** A header value fetch would refuse (CR, LF, NUL, other controls, or beyond Latin-1): refuse it first, typed. */
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Throws InvalidRequestError for a header fetch could not send. The message names the header, never
 * its value: the value may be the API key.
 */
export function checkHeaders(headers: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new InvalidRequestError(`${where}: "${name.replace(/[^\x20-\x7e]/g, '?')}" is not a valid header name`);
    if (typeof value !== 'string' || BAD_HEADER_VALUE.test(value)) {
      throw new InvalidRequestError(
        `${where}: the value of header "${name}" is not a valid header value (CR, LF and other control characters are refused)`,
      );
    }
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A path template as a pattern: each `{param}` captures exactly one non-empty segment. */
export const templatePattern = (template: string) =>
  new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map(escapeRegExp)
      .join('([^/]+)')}$`,
  );

/** `/a/{_id}` + `{_id: 'x/y'}` → `/a/x%2Fy`. */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodePathSegment(name, params[name]));
}

/** Query string from a flat object: arrays repeat the key (form, explode), undefined is skipped. */
export function toQuery(params: Record<string, unknown>): string {
  let any = false;
  for (const k in params)
    if (params[k] !== undefined) {
      any = true;
      break;
    }
  if (!any) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      const text = typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item);
      if (LONE_SURROGATE.test(text))
        throw new InvalidRequestError(`Query parameter "${k}" is not well-formed Unicode (a lone surrogate)`);
      q.append(k, text);
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
