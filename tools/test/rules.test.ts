import { describe, expect, it } from 'vitest';
import { checkRules } from '../src/rules.ts';
import type { Operation } from '../src/types.ts';
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
    expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual(['example completed: current_status="processing" is not one of completed']);
  });

  it('ties every job start to a family with a status operation, and makes it paid', () => {
    const start: Operation = { ...jobStatusOp(), operationId: 'startThing', 'x-a2e-kind': 'write', 'x-a2e-job-start': { family: 'other', idField: '_id' } };
    delete start['x-a2e-job-status'];
    expect(messages(doc({ '/t/{_id}': { get: jobStatusOp() }, '/t/start': { post: start } }))).toEqual([
      'a job start is x-a2e-kind: paid',
      'job family other has no operation with x-a2e-job-status',
    ]);
  });

  it('wants the default example of a job start to carry the job id a waiter needs', () => {
    const start: Operation = { ...jobStatusOp(), operationId: 'startThing', 'x-a2e-kind': 'paid', 'x-a2e-job-start': { family: 'thing', idField: 'job_id' } };
    delete start['x-a2e-job-status'];
    expect(messages(doc({ '/t/{_id}': { get: jobStatusOp() }, '/t/start': { post: start } }))).toEqual(['the first 200 example of a job start must carry data.job_id']);
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
    expect(messages(doc({ '/t/{_id}': { get: op } }))).toEqual(['200 examples must end with nonZeroCode', 'missing the shared 429 response']);
  });

  it('wants every deletion (DELETE, delete…/remove… operationId, …/del path) marked destructive, and only known privileges', () => {
    const del = (over: Partial<Operation>) => { const op = jobStatusOp(over); delete op['x-a2e-job-status']; return op; };
    expect(messages(doc({
      '/t/{_id}': { get: jobStatusOp(), delete: del({ operationId: 'dropThing', 'x-a2e-kind': 'write' }) },
      '/t/remove': { post: del({ operationId: 'removeThing', 'x-a2e-kind': 'write' }) },
      '/t/del': { post: del({ operationId: 'tidyThing', 'x-a2e-kind': 'write' }) },
      '/t/login': { post: del({ operationId: 'loginThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'admin' }) },
    }))).toEqual([
      'a deletion needs x-a2e-privilege: destructive',
      'a deletion needs x-a2e-privilege: destructive',
      'a deletion needs x-a2e-privilege: destructive',
      'x-a2e-privilege must be one of account|destructive or absent',
    ]);
    expect(messages(doc({
      '/t/{_id}': { get: jobStatusOp(), delete: del({ operationId: 'deleteThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'destructive' }) },
      '/t/login': { post: del({ operationId: 'loginThing', 'x-a2e-kind': 'write', 'x-a2e-privilege': 'account' }) },
    }))).toEqual([]);
  });
});
