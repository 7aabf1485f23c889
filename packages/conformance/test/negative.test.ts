// Requests that break the spec are refused by the mock and surface as the client's typed errors; a
// non-zero `code` example surfaces as an API error.
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InvalidRequestError,
  UnprocessableEntityError,
  type OperationId,
} from '@a2e-sdk/client';
import { operationVectors } from '../src/vectors.js';
import { inputOf, mockClient } from './helpers.js';

const vectors = operationVectors().map((v) => v.vector);
const withMissingField = vectors.filter((v) => v.negative.missingBodyField);
const withAuth = vectors.filter((v) => v.request.auth);
const withPathParams = vectors.filter((v) => Object.keys(v.request.pathParams).length);

describe('refused requests', () => {
  const a2e = mockClient();

  it.each(withMissingField.map((v) => [v.operation, v.negative.missingBodyField!, v]))(
    '%s without required body field %s is refused',
    async (op, field, v) => {
      const input = inputOf(v);
      delete input[field];
      const error = await a2e.call(op as OperationId, input as never, { headers: v.request.headers }).catch((e) => e);
      // Prism answers the spec's own 400 where the operation declares one, else 422 (problem+json).
      expect([BadRequestError, UnprocessableEntityError].some((C) => error instanceof C)).toBe(true);
      expect(JSON.parse(error.headers.get('sl-violations'))).toEqual(
        expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining(field) })]),
      );
    },
  );

  it.each(withAuth.map((v) => [v.operation, v]))('%s without a token is refused with 401', async (op, v) => {
    const anonymous = mockClient({ apiKey: '' });
    const error = await anonymous
      .call(op as OperationId, inputOf(v) as never, { headers: v.request.headers })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
  });

  it.each(withPathParams.map((v) => [v.operation, v]))(
    '%s without its path parameter is refused before sending',
    async (op, v) => {
      const input = inputOf(v);
      for (const name of Object.keys(v.request.pathParams)) delete input[name];
      await expect(a2e.call(op as OperationId, input as never)).rejects.toBeInstanceOf(InvalidRequestError);
    },
  );

  it.each(vectors.map((v) => [v.operation, v]))('%s: the nonZeroCode example is an API error', async (op, v) => {
    const error = await a2e
      .call(op as OperationId, inputOf(v) as never, {
        headers: { ...v.request.headers, prefer: 'example=nonZeroCode' },
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(APIError);
    expect({ status: error.status, code: error.code }).toEqual({ status: 200, code: 401 });
  });

  it('covers a meaningful share of the spec', () => {
    expect(withMissingField.length).toBeGreaterThan(50);
    expect(withAuth.length).toBeGreaterThan(250);
    expect(withPathParams.length).toBeGreaterThan(80);
  });
});
