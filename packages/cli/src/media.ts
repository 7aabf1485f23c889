// A local file given for a media field (`x-a2e-media` in the spec) is uploaded to A2E's storage first and
// its URL sent instead. A value with a URL scheme is sent as it is; anything else must be a readable file.
import { statSync } from 'node:fs';
import { uploadFile } from '@a2e-sdk/client/node';
import type { A2EClient } from '@a2e-sdk/client';
import { UsageError } from './exit-codes.js';
import type { Field } from './fields.js';

const isUrl = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value);

function checkFile(field: Field, path: string) {
  let ok = false;
  try {
    ok = statSync(path).isFile();
  } catch {
    ok = false;
  }
  if (!ok) throw new UsageError(`--${field.flag}: ${JSON.stringify(path)} is neither a URL nor a readable file`);
}

/** The local paths among an input's media fields, checked to exist (for dry runs and before any upload). */
export function localFiles(fields: Field[], input: Record<string, unknown>): { field: Field; path: string }[] {
  const out: { field: Field; path: string }[] = [];
  for (const field of fields.filter((f) => f.media)) {
    const value = input[field.name];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && v !== '' && !isUrl(v)) {
        checkFile(field, v);
        out.push({ field, path: v });
      }
    }
  }
  return out;
}

/** Replaces each local path with the URL `upload` gives for it (the dry run passes a placeholder). */
export async function replaceLocalFiles(
  fields: Field[],
  input: Record<string, unknown>,
  upload: (path: string) => Promise<string>,
): Promise<Record<string, unknown>> {
  const files = localFiles(fields, input);
  const urls = new Map<string, string>();
  for (const { path } of files) if (!urls.has(path)) urls.set(path, await upload(path));
  const out = { ...input };
  for (const field of new Set(files.map((f) => f.field))) {
    const value = out[field.name];
    out[field.name] = Array.isArray(value)
      ? value.map((v) => urls.get(v as string) ?? v)
      : (urls.get(value as string) ?? value);
  }
  return out;
}

export const uploadWith =
  (a2e: A2EClient, onUploaded?: (path: string, url: string) => void) => async (path: string) => {
    const { url } = await uploadFile(a2e, path);
    onUploaded?.(path, url);
    return url;
  };
