// What leaves createA2EProxy for the browser is scrubbed of the server's key, the way the client scrubs
// its own errors (internal/redact.ts): an upstream that echoes the Authorization header in a body or a
// header must not hand the key to a page visitor. Answers are whole byte arrays here (the proxy reads
// them under a size limit), so a key that straddles two chunks of the upstream stream is still found.
import { createRedactor, MASK } from '../internal/redact.js';

export interface Scrubber {
  bytes(body: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  headers(headers: Headers): Headers;
}

const encoder = new TextEncoder();
const MASK_BYTES = encoder.encode(MASK);

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first!, from); i !== -1 && i <= last; i = haystack.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function replaceAll(haystack: Uint8Array<ArrayBuffer>, needle: Uint8Array): Uint8Array<ArrayBuffer> {
  let at = indexOf(haystack, needle, 0);
  if (at === -1) return haystack;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  while (at !== -1) {
    parts.push(haystack.subarray(from, at), MASK_BYTES);
    from = at + needle.length;
    at = indexOf(haystack, needle, from);
  }
  parts.push(haystack.subarray(from));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** A scrubber for `apiKey` as it is, JSON-escaped and URL-encoded (the forms an echo may take). */
export function createScrubber(apiKey: string): Scrubber {
  const forms = [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)])];
  const redact = createRedactor(forms);
  const needles = forms.filter((f) => f.length >= 4).map((f) => encoder.encode(f));
  return {
    bytes: (body) => needles.reduce(replaceAll, body),
    headers(headers) {
      const out = new Headers();
      headers.forEach((value, name) => out.append(name, redact(value)));
      return out;
    },
  };
}
