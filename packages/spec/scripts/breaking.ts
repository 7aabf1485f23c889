// Which differences between two bundled specs can break a caller: api-smart-diff's classification, made
// stricter where our policy (CONTRIBUTING.md) is: it calls the three below non-breaking, we do not.
import { apiDiff } from 'api-smart-diff';

type Diff = ReturnType<typeof apiDiff>[number];
export interface SpecChange {
  type: string;
  action: string;
  path: string;
  description: string;
}

const segments = (d: Diff) => d.path.map(String);
const inResponse = (p: string[]) => p.includes('responses');
const inRequest = (p: string[]) => p.includes('requestBody') || p.includes('parameters');

/** A property dropped from a response schema, even an optional one: callers read it. */
const responseFieldRemoved = (d: Diff, p = segments(d)) =>
  d.action === 'remove' && inResponse(p) && p.at(-2) === 'properties';
/** A response value whose type or format changed: code written for the old one misreads it. */
const responseFieldRetyped = (d: Diff, p = segments(d)) =>
  d.action === 'replace' && inResponse(p) && ['type', 'format'].includes(p.at(-1)!);
/** An `enum` put on a request value that had none (its first value appears): values sent today may be refused. */
const requestEnumAdded = (d: Diff, p = segments(d)) =>
  d.action === 'add' && inRequest(p) && p.at(-2) === 'enum' && p.at(-1) === '0';

function classify(d: Diff): string {
  if (d.type !== 'breaking' && [responseFieldRemoved, responseFieldRetyped, requestEnumAdded].some((rule) => rule(d)))
    return 'breaking';
  return d.type;
}

/** Every classified difference from `before` to `after` (both bundled OpenAPI documents). */
export function specChanges(before: unknown, after: unknown): SpecChange[] {
  // apiDiff writes into the documents it walks; callers keep theirs.
  return apiDiff(structuredClone(before), structuredClone(after)).map((d) => ({
    type: classify(d),
    action: d.action,
    path: segments(d).join(' › '),
    description: d.description || `${d.action} ${segments(d).join('.')}`,
  }));
}

/** The changes a caller built against `before` can be broken by. */
export const breakingChanges = (before: unknown, after: unknown) =>
  specChanges(before, after).filter((c) => c.type === 'breaking');
