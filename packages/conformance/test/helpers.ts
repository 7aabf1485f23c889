import { inject } from 'vitest';
import { createA2EClient, type ClientOptions } from '@a2e-sdk/client';
import type { OperationVector } from '../src/vectors.js';

/** A client for the Prism mock. */
export const mockClient = (options: ClientOptions = {}) =>
  createA2EClient({ baseUrl: inject('prismUrl'), apiKey: 'sk_conformance_mock', maxRetries: 0, ...options });

/** The flat client input of an operation vector: path parameters, query and body fields in one object. */
export const inputOf = (v: OperationVector): Record<string, unknown> => ({
  ...v.request.pathParams,
  ...v.request.query,
  ...(v.request.body as object),
});
