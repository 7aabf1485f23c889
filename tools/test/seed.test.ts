// The project's seed page (AI Dubbing / Get Details): the docs' own example must validate against our
// 200 schema of GET /api/v1/userDubbing/{_id}, quirks included (`faild_message`, undocumented fields).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createValidator } from '../src/examples.ts';
import { SHARED_DIR, SPEC_ENTRY } from '../src/locations.ts';
import { bundle } from '../src/redocly.ts';
import type { OpenAPIDoc } from '../src/openapi-document.ts';

const SCHEMA = '/paths/~1api~1v1~1userDubbing~1{_id}/get/responses/200/content/application~1json/schema';
let doc: OpenAPIDoc;
let seed: { code: number; data: Record<string, unknown> };

beforeAll(() => {
  doc = bundle(SPEC_ENTRY);
  const catalogue = parse(readFileSync(join(SHARED_DIR, 'a2e-docs', 'faceswap-dubbing.yaml'), 'utf8')) as {
    groups: { endpoints: { method: string; path: string; responses: { status: number; example: string }[] }[] }[];
  };
  const entry = catalogue.groups
    .flatMap((g) => g.endpoints)
    .find((e) => e.method === 'GET' && e.path === '/api/v1/userDubbing/{_id}')!;
  seed = JSON.parse(entry.responses.find((r) => r.status === 200)!.example);
}, 30_000);

describe('seed page: GET /api/v1/userDubbing/{_id}', () => {
  it('accepts the docs example as the server sent it', () => {
    expect(seed.data.faild_message).toBe('');
    expect(createValidator(doc)(SCHEMA, seed)).toBeNull();
  });

  it('accepts the documented spelling too, and null error codes', () => {
    const { faild_message: _, ...rest } = seed.data;
    expect(
      createValidator(doc)(SCHEMA, { ...seed, data: { ...rest, failed_message: 'boom', error_code: null } }),
    ).toBeNull();
  });

  it('still rejects a wrong type, so the schema is not a blanket object', () => {
    expect(createValidator(doc)(SCHEMA, { ...seed, data: { ...seed.data, duration: 'long' } })).toMatch(/duration/);
  });
});
