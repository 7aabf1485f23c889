// Every operation of the spec, sent through @a2e-sdk/client to Prism (request validation on): the
// answer must be HTTP 200, validate against the operation's 200 schema, and be the example Prism
// serves, unwrapped by the client into `data`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { OperationId } from '@a2e-sdk/client';
import { createSchemaValidator } from '@a2e-sdk/tools/spec';
import { operationVectors } from '../src/vectors.js';
import { inputOf, mockClient } from './helpers.js';

const vectors = operationVectors();
const exercised = new Map<string, { status: number; valid: boolean }>();

describe('every operation against the Prism mock', () => {
  const validate = createSchemaValidator(inject('spec'));
  const a2e = mockClient();

  it.each(vectors.map((v) => [v.vector.operation, v.vector]))('%s', async (operation, v) => {
    const { data, body, response } = await a2e.call(operation as OperationId, inputOf(v) as never, {
      headers: v.request.headers,
    });
    expect(response.status).toBe(v.expected.status);
    expect(validate(v.expected.schema.slice(1), body)).toEqual([]);
    expect(body).toEqual(v.expected.body);
    expect(data).toEqual((v.expected.body as { data?: unknown }).data);
    exercised.set(operation, { status: response.status, valid: true });
  });

  afterAll(() => {
    const total = vectors.length;
    console.log(`operations exercised: ${exercised.size}/${total}`);
    mkdirSync(new URL('../reports/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL('../reports/operations.json', import.meta.url),
      `${JSON.stringify({ exercised: exercised.size, total, operations: Object.fromEntries(exercised) }, null, 2)}\n`,
    );
  });
});
