import { describe, expect, it } from 'vitest';
import { checkExamples } from '../src/examples.ts';
import { doc, jobStatusOp } from './doc.ts';

describe('checkExamples', () => {
  it('accepts valid media-type, $ref and schema-level examples', () => {
    const r = checkExamples(doc({ '/t/{_id}': { get: jobStatusOp() } }));
    expect(r.problems).toEqual([]);
    // 4 named 200 examples + 1 schema-level `examples` entry (createdAt)
    expect(r.checked).toBe(5);
  });

  it('reports a named example that breaks its schema, with where and why', () => {
    const r = checkExamples(
      doc({
        '/t/{_id}': { get: jobStatusOp({}, { completed: 'completed', processing: 'processing', failed: 'exploded' }) },
      }),
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.where).toBe('/paths/~1t~1{_id}/get/responses/200/content/application~1json/examples/failed');
    expect(r.problems[0]!.message).toMatch(/allowed values/);
  });

  it('reports a schema-level example that breaks its own schema (format included)', () => {
    const d = doc({});
    (d.components!.schemas!.Thing as any).properties.createdAt.examples = ['yesterday'];
    const r = checkExamples(d);
    expect(r.problems.map((p) => p.where)).toEqual(['/components/schemas/Thing/properties/createdAt/examples/0']);
  });
});
