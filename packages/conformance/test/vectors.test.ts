// The vectors themselves: valid against their schema, one per operation of the spec (no more, no
// less), equal to a fresh generation, with unique short descriptions.
import { describe, expect, inject, it } from 'vitest';
import { api } from '@a2e-sdk/client';
import { operations } from '@a2e-sdk/tools/spec';
import { staleVectors } from '@a2e-sdk/tools/vectors';
import { behaviourCases, operationVectors, vectorSchemaErrors } from '../src/vectors.js';

const all = [...operationVectors(), ...behaviourCases()];

describe('vectors', () => {
  const errorsOf = vectorSchemaErrors();
  it.each(all.map((v) => [v.file, v.vector]))('%s follows vector.schema.json', (_, vector) => {
    expect(errorsOf(vector)).toBeNull();
  });

  it('the schema rejects a malformed vector', () => {
    expect(errorsOf({ description: 'x', action: { call: 'a' }, server: [], expect: {} })).toMatch(/server/);
    expect(
      errorsOf({
        description: 'x',
        operation: 'Bad-Id',
        tag: 't',
        kind: 'read',
        request: {},
        expected: {},
        negative: {},
      }),
    ).not.toBeNull();
  });

  it('there is exactly one operation vector per operation of the spec and of the client', () => {
    const fromSpec = [...operations(inject('spec'))].map((o) => o.op.operationId).sort();
    const fromVectors = operationVectors()
      .map((v) => v.vector.operation)
      .sort();
    const fromClient = Object.values(api)
      .flatMap((group) => Object.keys(group))
      .sort();
    expect(fromVectors).toEqual(fromSpec);
    expect(fromClient).toEqual(fromSpec);
  });

  it('the operation vectors are what the spec generates now', () => {
    expect(staleVectors(inject('spec'))).toEqual([]);
  });

  it('descriptions are unique', () => {
    const descriptions = all.map((v) => (v.vector as { description: string }).description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });
});
