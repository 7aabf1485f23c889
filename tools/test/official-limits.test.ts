import { describe, expect, it } from 'vitest';
import { unconfirmedOfficialLimits } from '../src/official-limits.ts';
import type { OfficialOp } from '../src/precision.ts';
import { doc, jobStatusOp } from './doc.ts';

const ours = (maxLength: number, source: unknown) =>
  doc({
    '/t/{_id}': {
      post: jobStatusOp({
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { name: { type: 'string', maxLength, 'x-a2e-limits': source } } },
            },
          },
        },
      }),
    },
  });
const theirs: OfficialOp[] = [
  {
    method: 'POST',
    path: '/t/{_id}',
    a2e_operationId: 'x',
    requestBody: {
      content: {
        'application/json': { schema: { type: 'object', properties: { name: { type: 'string', maxLength: 40 } } } },
      },
    },
  },
];

describe('limits cited as official', () => {
  it("are found on the same property of the same operation of A2E's description", () => {
    expect(unconfirmedOfficialLimits(ours(40, 'official'), theirs, {})).toEqual({ checked: 1, gaps: [] });
  });

  it('are reported when A2E states another value or nothing', () => {
    expect(unconfirmedOfficialLimits(ours(20, 'official'), theirs, {}).gaps).toEqual([
      "POST /t/{_id}: body.name maxLength 20 is cited as official, but A2E's description does not state it",
    ]);
    expect(unconfirmedOfficialLimits(ours(20, 'official'), [], {}).gaps).toHaveLength(1);
  });

  it('leave limits cited from other sources to the conventions check', () => {
    expect(unconfirmedOfficialLimits(ours(20, 'docs: the page'), theirs, {})).toEqual({ checked: 0, gaps: [] });
  });
});
