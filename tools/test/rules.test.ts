import { describe, expect, it } from 'vitest';
import { checkRules } from '../src/rules.ts';
import type { Operation } from '../src/openapi-document.ts';
import { doc, jobStatusOp } from './doc.ts';

const messages = (d: ReturnType<typeof doc>) => checkRules(d).map((p) => p.message);

describe('checkRules', () => {
  it('passes an operation that follows the conventions', () => {
    expect(checkRules(doc({ '/t/{_id}': { get: jobStatusOp() } }))).toEqual([]);
  });

  it('requires x-a2e-kind, one declared tag and a camelCase operationId', () => {
    const op = jobStatusOp({ operationId: 'Get-Thing', tags: ['nope'] });
    delete op['x-a2e-kind'];
    expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual([
      'operationId must be camelCase (got Get-Thing)',
      'needs exactly one declared tag (got nope)',
      'x-a2e-kind must be one of read|write|paid',
    ]);
  });

  it('checks that each job-state example carries a status of that state', () => {
    const op = jobStatusOp({}, { completed: 'processing', processing: 'processing', failed: 'failed' });
    expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual([
      'example completed: current_status="processing" is not one of completed',
    ]);
  });

  it('ties every job start to a family with a status operation, and makes it paid', () => {
    const start: Operation = {
      ...jobStatusOp(),
      operationId: 'startThing',
      'x-a2e-kind': 'write',
      'x-a2e-job-start': { family: 'other', idField: '_id' },
    };
    delete start['x-a2e-job-status'];
    expect(messages(doc({ '/t/{_id}': { get: jobStatusOp() }, '/t/start': { post: start } }))).toEqual([
      'a job start is x-a2e-kind: paid',
      'job family other has no operation with x-a2e-job-status',
    ]);
  });

  it('lets x-a2e-invalidates name only reads of the spec, and only on writes', () => {
    const rename: Operation = {
      ...jobStatusOp(),
      operationId: 'renameThing',
      'x-a2e-kind': 'write',
      'x-a2e-invalidates': ['getThing'],
    };
    delete rename['x-a2e-job-status'];
    expect(messages(doc({ '/t/{_id}': { get: jobStatusOp(), put: rename } }))).toEqual([]);
    rename['x-a2e-invalidates'] = ['renameThing', 'listNothing'];
    const read = jobStatusOp({ 'x-a2e-invalidates': [] });
    expect(messages(doc({ '/t/{_id}': { get: read, put: rename } }))).toEqual([
      'a read changes nothing: it takes no x-a2e-invalidates',
      'x-a2e-invalidates is a non-empty list of operationIds',
      'x-a2e-invalidates names renameThing, which is not a read of this spec',
      'x-a2e-invalidates names listNothing, which is not a read of this spec',
    ]);
  });

  it('wants the default example of a job start to carry the job id a waiter needs', () => {
    const start: Operation = {
      ...jobStatusOp(),
      operationId: 'startThing',
      'x-a2e-kind': 'paid',
      'x-a2e-job-start': { family: 'thing', idField: 'job_id' },
    };
    delete start['x-a2e-job-status'];
    expect(messages(doc({ '/t/{_id}': { get: jobStatusOp() }, '/t/start': { post: start } }))).toEqual([
      'the first 200 example of a job start must carry data.job_id',
    ]);
  });

  it('refuses keywords Prism reads differently, a jsonSchemaDialect, and the makefun rebrand', () => {
    const d = doc({ '/t/{_id}': { get: jobStatusOp({ description: 'see makefun.ai' }) } });
    d.jsonSchemaDialect = 'https://spec.openapis.org/oas/3.1/dialect/base';
    (d.components!.schemas as any).Tuple = { type: 'array', prefixItems: [{ type: 'string' }] };
    expect(messages(d)).toEqual([
      'top-level jsonSchemaDialect turns off Prism request validation',
      'the makefun.ai rebrand must not appear in the spec',
      'prefixItems does not mean the same under draft-07 (Prism) and 2020-12',
    ]);
  });

  it('wants the error envelope example last and the shared error responses', () => {
    const op = jobStatusOp();
    const media = op.responses!['200']!.content!['application/json']!;
    media.examples = { nonZeroCode: media.examples!.nonZeroCode!, ...media.examples };
    delete op.responses!['429'];
    expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual([
      '200 examples must end with nonZeroCode',
      'missing the shared 429 response',
    ]);
  });

  it('wants every deletion (DELETE, delete…/remove… operationId, …/del path) marked destructive, and only known privileges', () => {
    const del = (over: Partial<Operation>) => {
      const op = jobStatusOp(over);
      delete op['x-a2e-job-status'];
      return op;
    };
    expect(
      messages(
        doc({
          '/t/{_id}': { get: jobStatusOp(), delete: del({ operationId: 'dropThing', 'x-a2e-kind': 'write' }) },
          '/t/remove': { post: del({ operationId: 'removeThing', 'x-a2e-kind': 'write' }) },
          '/t/del': { post: del({ operationId: 'tidyThing', 'x-a2e-kind': 'write' }) },
          '/t/login': { post: del({ operationId: 'loginThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'admin' }) },
        }),
      ),
    ).toEqual([
      'a deletion needs x-a2e-privilege: destructive',
      'a deletion needs x-a2e-privilege: destructive',
      'a deletion needs x-a2e-privilege: destructive',
      'x-a2e-privilege must be one of account|destructive or absent',
    ]);
    expect(
      messages(
        doc({
          '/t/{_id}': {
            get: jobStatusOp(),
            delete: del({ operationId: 'deleteThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'destructive' }),
          },
          '/t/login': { post: del({ operationId: 'loginThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'account' }) },
        }),
      ),
    ).toEqual([]);
  });

  describe('evidence', () => {
    const withBody = (schema: Record<string, unknown>, over: Partial<Operation> = {}) =>
      jobStatusOp({
        requestBody: { content: { 'application/json': { schema, examples: { one: { value: {} } } } } },
        ...over,
      });
    const limitMessages = (op: Operation) => messages(doc({ '/t/{_id}': { post: op } }));

    it('wants every request limit to cite its source, and refuses a borrowed one', () => {
      const op = withBody({
        type: 'object',
        properties: {
          ids: {
            type: 'array',
            minItems: 1,
            maxItems: 200,
            'x-a2e-limits': { maxItems: 'official-prose: at most 200 ids per call' },
          },
          size: { type: 'integer', minimum: 1, 'x-a2e-limits': 'borrowed: from the sibling list' },
          name: { type: 'string', maxLength: 40, 'x-a2e-limits': 'official' },
        },
      });
      expect(limitMessages(op)).toEqual([
        'body.ids: minItems 1 cites no source (x-a2e-limits)',
        "body.size: x-a2e-limits a sibling's limit is not a source: cite what says it applies here, or drop the limit",
      ]);
    });

    it('checks limits of parameters and nested schemas, and citations of limits that are not there', () => {
      const op = withBody(
        {
          type: 'object',
          properties: {
            shots: {
              type: 'array',
              items: { type: 'object', properties: { prompt: { type: 'string', maxLength: 512 } } },
            },
          },
        },
        {
          parameters: [
            { name: '_id', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'pageSize',
              in: 'query',
              schema: { type: 'integer', minimum: 1, 'x-a2e-limits': { maximum: 'docs: the list page' } } as never,
            },
          ],
        },
      );
      expect(limitMessages(op)).toEqual([
        'query parameter pageSize: x-a2e-limits cites maximum, which this schema does not have',
        'query parameter pageSize: minimum 1 cites no source (x-a2e-limits)',
        'body.shots[].prompt: maxLength 512 cites no source (x-a2e-limits)',
      ]);
    });

    it('leaves data untyped when nothing is known of the answer', () => {
      const op = jobStatusOp({ 'x-a2e-docs': { vocabulary: 'docs: x', response: 'unknown' } });
      expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual([
        'response: unknown, but data is constrained (type, properties): leave it untyped',
      ]);
      const media = op.responses!['200']!.content!['application/json']!;
      media.schema = {
        allOf: [
          { $ref: '#/components/schemas/Envelope' },
          { type: 'object', properties: { data: { description: 'Not seen.' } } },
        ],
      };
      expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual([]);
    });
  });

  describe('job-status alternatives and vocabulary', () => {
    const withStatus = (extra: object, docs: object = { vocabulary: 'docs: x' }) => {
      const op = jobStatusOp({ 'x-a2e-docs': docs });
      Object.assign(op['x-a2e-job-status'] as object, extra);
      return messages(doc({ '/t/{_id}': { get: op } }));
    };

    it('accepts another status field with its vocabulary, or extra result fields, each with a source', () => {
      expect(
        withStatus({
          alternatives: [
            {
              statusField: 'state',
              pending: [],
              success: ['success'],
              failure: ['fail'],
              resultFields: ['video_output'],
              messageFields: ['fail_reason'],
              source: 'code: a client',
            },
            { resultFields: ['result_video_url'], source: 'code: another client' },
            { statusField: 'current_status', failure: ['error'], source: 'docs: the status page' },
          ],
        }),
      ).toEqual([]);
    });

    it('refuses an alternative without a source, without anything to read, or with unknown keys', () => {
      expect(
        withStatus({
          alternatives: [
            { statusField: 'state', success: ['ok'] },
            { source: 'code: x' },
            { resultFields: ['u'], source: 'code: x', extra: 1 },
          ],
        }),
      ).toEqual([
        'x-a2e-job-status.alternatives[0]: source must be "code: …", "docs: …", "official-prose: …" or official',
        'x-a2e-job-status.alternatives[1]: adds nothing (no statusField, resultFields or messageFields)',
        'x-a2e-job-status.alternatives[2]: unknown key extra',
      ]);
      expect(
        withStatus({
          alternatives: [
            { pending: ['x'], resultFields: ['u'], source: 'code: x' },
            { statusField: 'state', pending: ['x'], source: 'code: x' },
          ],
        }),
      ).toEqual([
        'x-a2e-job-status.alternatives[0]: status values need a statusField',
        'x-a2e-job-status.alternatives[1]: a status field needs at least one success or failure value',
      ]);
    });

    it('refuses a value that one status field would read two ways', () => {
      expect(
        withStatus({ alternatives: [{ statusField: 'current_status', success: ['failed'], source: 'code: x' }] }),
      ).toEqual(['x-a2e-job-status.alternatives[0]: current_status=failed is success here but failure elsewhere']);
    });

    it('wants batchOperation and listOperation to name a batch read taking ids and a paged list', () => {
      const batch = {
        ...jobStatusOp(),
        operationId: 'getThingBatch',
        'x-a2e-job-status': undefined,
        parameters: [],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { ids: { type: 'array' } } },
              examples: { two: { value: { ids: ['a', 'b'] } } },
            },
          },
        },
      } as never;
      const list = {
        ...jobStatusOp(),
        operationId: 'listThings',
        'x-a2e-job-status': undefined,
        parameters: [
          { name: 'pageNum', in: 'query', schema: { type: 'integer' } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer' } },
        ],
        'x-a2e-paging': { page: 'pageNum', size: 'pageSize', items: 'data.rows' },
      } as never;
      const linked = (links: object) => {
        const op = jobStatusOp();
        Object.assign(op['x-a2e-job-status'] as object, links);
        return messages(doc({ '/t/{_id}': { get: op }, '/t/batch': { post: batch }, '/t/list': { get: list } }));
      };
      expect(linked({ batchOperation: 'getThingBatch', listOperation: 'listThings' })).toEqual([]);
      expect(linked({ batchOperation: 'getNothing', listOperation: 'getThingBatch' })).toEqual([
        'x-a2e-job-status.batchOperation getNothing is no operation of the spec',
        'x-a2e-job-status.listOperation getThingBatch needs x-a2e-paging',
      ]);
      expect(linked({ batchOperation: 'listThings' })).toEqual([
        'x-a2e-job-status.batchOperation listThings must take ids in its body',
      ]);
    });

    it('wants the status operation to say where its vocabulary comes from', () => {
      expect(withStatus({}, {})).toEqual([
        'x-a2e-docs.vocabulary must say where the status values come from ("official: …", "docs: …", "code: …", "official-prose: …" or "borrowed: …")',
      ]);
    });
  });
});
