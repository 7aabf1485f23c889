import { describe, expect, it } from 'vitest';
import { precisionGaps, type OfficialOp } from '../src/precision.ts';
import type { OpenAPIDoc } from '../src/openapi-document.ts';

const official: OfficialOp = {
  method: 'POST',
  path: '/x/{id}',
  a2e_operationId: 'postX',
  parameters: [
    { name: 'id', in: 'path', required: true },
    { name: 'lang', in: 'query', required: true },
  ],
  requestBody: {
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/WebhookInput' },
            { type: 'object', properties: { a: {}, b: {}, c: {} }, required: ['a'] },
          ],
        },
      },
    },
  },
  prose_required_fields: ['b', 'c'],
  async_job: true,
};

const ours = (body: Record<string, unknown>, params: object[], ext: object = {}): OpenAPIDoc => ({
  openapi: '3.1.0',
  paths: {
    '/x/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true }] as never,
      post: { ...ext, parameters: params as never, requestBody: { content: { 'application/json': { schema: body } } } },
    },
  },
});

describe('precisionGaps', () => {
  it('accepts a request that keeps every official fact, either-or rules as anyOf', () => {
    const body = {
      type: 'object',
      required: ['a'],
      properties: { a: {}, b: {}, c: {}, webhook_url: {}, webhook_token: {} },
      anyOf: [{ required: ['b'] }, { required: ['c'] }],
    };
    expect(
      precisionGaps(
        ours(body, [{ name: 'lang', in: 'query', required: true }], {
          'x-a2e-job-start': { family: 'x', idField: '_id' },
        }),
        [official],
      ).gaps,
    ).toEqual([]);
  });

  it('names each lost job start, parameter, property and requirement', () => {
    const body = { type: 'object', properties: { a: {}, b: {} } };
    expect(precisionGaps(ours(body, [{ name: 'lang', in: 'query' }]), [official]).gaps).toEqual([
      'POST /x/{id}: A2E marks it as starting a job, but it has no x-a2e-job-start',
      'POST /x/{id}: query parameter lang is not required',
      'POST /x/{id}: body property webhook_url is not declared',
      'POST /x/{id}: body property webhook_token is not declared',
      'POST /x/{id}: body property c is not declared',
      'POST /x/{id}: a is required by A2E but not here',
      'POST /x/{id}: b is required by A2E but not here',
      'POST /x/{id}: c is required by A2E but not here',
    ]);
  });
});
