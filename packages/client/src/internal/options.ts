// Creation-time checks of the client's options. A key with a newline, a header fetch cannot send or a
// base URL that is not one would otherwise fail every request as a connection error, retried; here they
// fail once, at creation, with InvalidRequestError. No message ever quotes the key or a header value.
import { InvalidRequestError } from '../core/errors.js';
import { checkHeaders } from './url.js';

interface Checked {
  headers?: Record<string, string> | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  maxRetryAfterMs?: number | undefined;
  maxResponseBytes?: number | undefined;
}

const nonNegative = (value: unknown, name: string) => {
  if (value !== undefined && !(typeof value === 'number' && value >= 0 && !Number.isNaN(value))) {
    throw new InvalidRequestError(`createA2EClient: ${name} must be a number of at least 0`);
  }
};

export function checkOptions(apiKey: string | undefined, baseUrl: string, options: Checked): void {
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string') throw new InvalidRequestError('createA2EClient: apiKey must be a string');
    // The key goes into `Authorization: Bearer <key>`: CR, LF or another control character cannot.
    checkHeaders({ authorization: `Bearer ${apiKey}` }, 'createA2EClient: apiKey');
  }
  if (options.headers) checkHeaders(options.headers, 'createA2EClient: headers');
  // An absolute http(s) URL, or a same-origin path such as `/api/a2e` (a browser behind a proxy).
  let valid = baseUrl.startsWith('/') && !baseUrl.startsWith('//');
  if (!valid) {
    try {
      const url = new URL(baseUrl);
      valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      valid = false;
    }
  }
  if (!valid)
    throw new InvalidRequestError(
      'createA2EClient: baseUrl must be an absolute http(s) URL or a path starting with "/"',
    );
  nonNegative(options.timeoutMs, 'timeoutMs');
  nonNegative(options.maxRetries, 'maxRetries');
  nonNegative(options.maxRetryAfterMs, 'maxRetryAfterMs');
  nonNegative(options.maxResponseBytes, 'maxResponseBytes');
}
