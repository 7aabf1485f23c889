// A minimal bundled document in the shape the tools read, for rule and example tests.
import type { OpenAPIDoc, Operation } from '../src/openapi-document.ts';

export const envelope = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'integer' }, msg: { type: 'string' } },
};
const shared = Object.fromEntries(['400', '401', '429', '5XX'].map((s) => [s, { $ref: '#/components/responses/E' }]));

export function jobStatusOp(
  over: Partial<Operation> = {},
  statuses = { completed: 'completed', processing: 'processing', failed: 'failed' },
): Operation {
  const record = (s: string) => ({ value: { code: 0, data: { _id: 'a', current_status: s } } });
  return {
    operationId: 'getThing',
    summary: 's',
    tags: ['things'],
    'x-a2e-kind': 'read',
    'x-a2e-job-status': {
      family: 'thing',
      idParam: '_id',
      statusField: 'current_status',
      pending: ['processing'],
      success: ['completed'],
      failure: ['failed'],
    },
    'x-a2e-docs': { vocabulary: 'docs: the thing status page' },
    parameters: [{ name: '_id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      '200': {
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Envelope' },
                { type: 'object', properties: { data: { $ref: '#/components/schemas/Thing' } } },
              ],
            },
            examples: {
              completed: record(statuses.completed),
              processing: record(statuses.processing),
              failed: record(statuses.failed),
              nonZeroCode: { $ref: '#/components/examples/NonZeroCode' },
            },
          },
        },
      },
      ...shared,
    },
    ...over,
  };
}

export function doc(paths: Record<string, Record<string, Operation>>): OpenAPIDoc {
  return {
    openapi: '3.1.0',
    tags: [{ name: 'things' }],
    paths,
    components: {
      schemas: {
        Envelope: envelope,
        Thing: {
          type: 'object',
          properties: {
            _id: { type: 'string' },
            current_status: { type: 'string', enum: ['processing', 'completed', 'failed'] },
            createdAt: { type: 'string', format: 'date-time', examples: ['2024-06-20T05:32:19.714Z'] },
          },
        },
      },
      examples: { NonZeroCode: { value: { code: 401, msg: 'Invalid token' } } },
      responses: { E: { description: 'e' } },
    },
  };
}
