import { describe, expect, it } from 'vitest';
import {
  checkClientCalls,
  clientCallLines,
  clientCallsFail,
  declares,
  type ClientCallTable,
} from '../src/client-calls.ts';
import type { Operation } from '../src/openapi-document.ts';
import { doc, jobStatusOp } from './doc.ts';

const start: Operation = {
  ...jobStatusOp(),
  operationId: 'startThing',
  'x-a2e-kind': 'paid',
  requestBody: {
    content: {
      'application/json': { schema: { allOf: [{ type: 'object', properties: { name: { type: 'string' } } }] } },
    },
  },
};
delete start['x-a2e-job-status'];
const spec = () => doc({ '/t/{_id}': { get: jobStatusOp() }, '/t/start': { post: start } });

/** Two codebases that both start a thing and poll it; `extra` lets a test add what only a spec gap would miss. */
function table(extra: { path?: string; body?: string; read?: string } = {}): ClientCallTable {
  const body = ['name', ...(extra.body ? [extra.body] : [])];
  const reads = ['data._id', 'data.current_status', ...(extra.read ? [extra.read] : [])];
  return {
    codebases: {
      one: { what: 'a', files: [{ index_id: '1' }] },
      two: { what: 'b', files: [{ repo: 'o/r', path: 'x.ts' }] },
    },
    calls: [
      {
        method: 'POST',
        path: extra.path ?? '/t/start',
        seen: [
          { by: 'one', body },
          { by: 'two', body },
        ],
      },
      {
        method: 'GET',
        path: '/t/{id}',
        seen: [
          { by: 'one', reads },
          { by: 'two', reads, tries: ['data.guess'] },
        ],
      },
      { method: 'GET', path: '/t/list', seen: [{ by: 'one', reads: ['data.rows[].x'] }] },
    ],
  };
}

describe('checkClientCalls', () => {
  it('passes when every pair, body key and read field of 2+ codebases is in the spec', () => {
    const r = checkClientCalls(spec(), table());
    expect(clientCallsFail(r)).toBe(false);
    expect(clientCallLines(r)[0]).toBe(
      'client calls: pairs used by 2+ clients covered 2/2, body keys 1/1, read fields 2/2',
    );
    // A pair seen by one codebase only is counted but not required; `tries` are never checked.
    expect(r.pairs.total).toBe(3);
  });

  it('fails on a pair the spec lacks', () => {
    const r = checkClientCalls(spec(), table({ path: '/t/begin' }));
    expect(clientCallsFail(r)).toBe(true);
    expect(r.pairs.missing).toEqual(['POST /t/begin (one, two)']);
  });

  it('fails on a body key the request body does not declare', () => {
    const r = checkClientCalls(spec(), table({ body: 'colour' }));
    expect(r.keys.missing).toEqual(['POST /t/start body key colour (one, two)']);
    expect(clientCallsFail(r)).toBe(true);
  });

  it('fails on a read field the 200 schema does not declare', () => {
    const r = checkClientCalls(spec(), table({ read: 'data.result_url' }));
    expect(r.fields.missing).toEqual(['GET /t/{id} read field data.result_url (one, two)']);
    expect(clientCallsFail(r)).toBe(true);
  });

  it('names an unknown codebase as a table problem', () => {
    const t = table();
    t.calls[0]!.seen.push({ by: 'three' });
    expect(checkClientCalls(spec(), t).problems).toEqual(['POST /t/start: unknown codebase three']);
  });
});

describe('declares', () => {
  const d = doc({});
  const schema = {
    type: 'object',
    properties: {
      data: {
        anyOf: [
          { type: 'array', items: { $ref: '#/components/schemas/Thing' } },
          { type: 'object', properties: { rows: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } },
        ],
      },
    },
  };
  it('follows $ref, anyOf and [] steps into array items', () => {
    expect(declares(d, schema, 'data[]._id')).toBe(true);
    expect(declares(d, schema, 'data.rows[].current_status')).toBe(true);
    expect(declares(d, schema, 'data.rows[].nope')).toBe(false);
    expect(declares(d, schema, 'data._id')).toBe(false);
  });
});
