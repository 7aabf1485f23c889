// Reads a byte stream whole, but never more than a limit: a body with no Content-Length (chunked) is
// counted while it arrives, and the stream is cancelled the moment it passes the limit, so an
// oversized body costs at most `maxBytes` plus one chunk of memory, whatever its real size.

/** The bytes of `stream`, or `undefined` (stream cancelled) when it holds more than `maxBytes`. */
export async function readBounded(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return undefined;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
