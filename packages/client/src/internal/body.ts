// Reads an answer's body as text, never more than a limit: a 50 MiB answer must not be buffered whole
// before anyone looks at it. Also tells a body that cannot be decoded (broken gzip) apart from a
// connection that dropped, because only the second is a connection failure.
import { InvalidResponseError } from '../core/errors.js';

/** Default of `maxResponseBytes`: 32 MiB, far above any A2E answer (the largest lists are a few hundred kB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface BodyContext {
  maxBytes: number;
  operationId?: string | undefined;
  redact: <T>(value: T) => T;
}

/** zlib and brotli report a broken encoding with these codes (undici puts the error on `cause`). */
const DECODE_ERROR = /^(?:Z_|ERR_BROTLI|ERR_ZLIB)/;

export async function readBody(response: Response, ctx: BodyContext): Promise<string> {
  const declared = response.headers.get('content-length');
  const encoding = response.headers.get('content-encoding');
  const tooLarge = () =>
    new InvalidResponseError(
      `${ctx.operationId ?? 'request'}: the answer is larger than maxResponseBytes (${ctx.maxBytes} bytes); reading stopped there`,
      response.status,
      ctx.redact(response.headers),
      ctx.operationId,
    );
  try {
    // Fast path: an unencoded body whose length the server declared (fetch enforces that length).
    if (declared !== null && (!encoding || encoding === 'identity')) {
      if (Number(declared) > ctx.maxBytes) {
        void response.body?.cancel().catch(() => {});
        throw tooLarge();
      }
      return await response.text();
    }
    if (!response.body) return '';
    // Chunked or compressed: count decoded bytes as they arrive and cancel at the limit.
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      total += value.byteLength;
      if (total > ctx.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code;
    if (typeof code === 'string' && DECODE_ERROR.test(code)) {
      throw new InvalidResponseError(
        `${ctx.operationId ?? 'request'}: the answer's body could not be decoded (content-encoding ${encoding ?? 'none'})`,
        response.status,
        ctx.redact(response.headers),
        ctx.operationId,
      );
    }
    throw error;
  }
}
