// The answers the sandbox gives: an operation's success example from the spec (the first whose envelope
// says `code: 0`), deep-copied so that state written into it never leaks into the next answer.
import { deref, type OpenAPIDoc, type Operation } from '../spec.js';

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export function successExample(doc: OpenAPIDoc, op: Operation): { status: number; body: unknown } {
  for (const status of ['200', '201', '202']) {
    const response = deref<Record<string, any>>(doc, op.responses?.[status]);
    const media = response?.content?.['application/json'];
    if (!media) continue;
    const candidates = [
      ...Object.values((media.examples ?? {}) as Record<string, unknown>).map(
        (e) => deref<{ value?: unknown }>(doc, e)?.value,
      ),
      media.example,
    ].filter((v) => v !== undefined);
    const ok = candidates.find(
      (v) => (v as { code?: unknown })?.code === 0 || (v as { code?: unknown })?.code === undefined,
    );
    return { status: Number(status), body: clone(ok ?? candidates[0] ?? { code: 0, data: null }) };
  }
  return { status: 200, body: { code: 0, data: null } };
}

/** The spec's example of an error answer (`Unauthorized`, `BadRequest`), or a constructed one. */
export function errorExample(
  doc: OpenAPIDoc,
  name: string,
  fallback: Record<string, unknown>,
): Record<string, unknown> {
  const r = deref<Record<string, any>>(doc, doc.components?.responses?.[name]);
  return clone(r?.content?.['application/json']?.example ?? fallback);
}

export const cloneJson = clone;
