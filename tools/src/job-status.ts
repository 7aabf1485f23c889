// The `x-a2e-job-status` annotation (spec/CONVENTIONS.md): how a waiter reads a job family's record,
// with the alternatives that sources disagreeing on the record's shape add. An alternative can only
// end a wait sooner (a field some client reads), never start a call, so one credible source suffices.

/** Another way a record may report the outcome; each names where it comes from. */
export interface JobStatusAlternative {
  /** A status field of its own; omitted when the alternative only adds result or message fields. */
  statusField?: string;
  pending?: string[];
  success?: string[];
  failure?: string[];
  resultFields?: string[];
  messageFields?: string[];
  /** `code: …`, `docs: …`, `official: …` or `official-prose: …`: a reference a reviewer can look up. */
  source: string;
}

export interface JobStatus {
  family: string;
  statusField: string;
  /** Where the status call takes the job id (a parameter or body property)… */
  idParam?: string;
  /** …or, for a family whose only status call is a list, the row field that equals the job id. */
  matchField?: string;
  pending: string[];
  success: string[];
  failure: string[];
  resultFields?: string[];
  messageFields?: string[];
  alternatives?: JobStatusAlternative[];
  /** The family's batch read (`…/batchDetail`, a body of `ids`): the job tracker reads up to 200 jobs per call with it. */
  batchOperation?: string;
  /** The family's paged list: the tracker reads a page of it instead of one detail call per job. */
  listOperation?: string;
}

const SOURCE = /^(official|(official-prose|docs|code): \S.*)$/;
/** Where a family's status values come from, in `x-a2e-docs.vocabulary`. */
const VOCABULARY = /^(official|official-prose|docs|code|borrowed): \S/;
const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');

/** Shape problems of the alternatives, and values that one status field would read two ways. */
export function checkAlternatives(status: Partial<JobStatus>): string[] {
  const problems: string[] = [];
  const alternatives = status.alternatives as unknown;
  if (alternatives === undefined) return problems;
  if (!Array.isArray(alternatives) || !alternatives.length)
    return ['x-a2e-job-status.alternatives must be a non-empty list'];
  // field → value → group, over the main vocabulary and every alternative: one value, one meaning.
  const meaning = new Map<string, Map<string, string>>();
  const record = (field: string, group: string, values: string[] = [], where: string) => {
    const seen = meaning.get(field) ?? new Map<string, string>();
    meaning.set(field, seen);
    for (const v of values) {
      const before = seen.get(v);
      if (before && before !== group) problems.push(`${where}: ${field}=${v} is ${group} here but ${before} elsewhere`);
      seen.set(v, group);
    }
  };
  if (status.statusField) {
    for (const g of ['pending', 'success', 'failure'] as const)
      record(status.statusField, g, status[g], 'x-a2e-job-status');
  }
  alternatives.forEach((alt: Partial<JobStatusAlternative>, i) => {
    const where = `x-a2e-job-status.alternatives[${i}]`;
    const allowed = new Set([
      'statusField',
      'pending',
      'success',
      'failure',
      'resultFields',
      'messageFields',
      'source',
    ]);
    for (const k of Object.keys(alt ?? {})) if (!allowed.has(k)) problems.push(`${where}: unknown key ${k}`);
    if (typeof alt?.source !== 'string' || !SOURCE.test(alt.source))
      problems.push(`${where}: source must be "code: …", "docs: …", "official-prose: …" or official`);
    for (const k of ['pending', 'success', 'failure', 'resultFields', 'messageFields'] as const) {
      if (alt?.[k] !== undefined && !strings(alt[k]))
        problems.push(`${where}: ${k} must be a list of field names or values`);
    }
    if (alt?.statusField !== undefined) {
      if (typeof alt.statusField !== 'string' || !alt.statusField)
        problems.push(`${where}: statusField must be a field name`);
      else if (!alt.success?.length && !alt.failure?.length)
        problems.push(`${where}: a status field needs at least one success or failure value`);
      else for (const g of ['pending', 'success', 'failure'] as const) record(alt.statusField, g, alt[g], where);
    } else {
      if (alt?.pending || alt?.success || alt?.failure) problems.push(`${where}: status values need a statusField`);
      if (!alt?.resultFields?.length && !alt?.messageFields?.length)
        problems.push(`${where}: adds nothing (no statusField, resultFields or messageFields)`);
    }
  });
  return problems;
}

/** Every status operation says where its family's values come from. */
export function checkVocabulary(docs: unknown): string[] {
  const vocabulary = (docs as { vocabulary?: unknown } | undefined)?.vocabulary;
  return typeof vocabulary === 'string' && VOCABULARY.test(vocabulary)
    ? []
    : [
        'x-a2e-docs.vocabulary must say where the status values come from ("official: …", "docs: …", "code: …", "official-prose: …" or "borrowed: …")',
      ];
}

/** What the tracker needs of a linked operation, as the bundled spec shows it. */
export interface LinkedOperation {
  kind: unknown;
  bodyProperties: string[];
  paged: boolean;
}

/**
 * `batchOperation` and `listOperation` name operations that exist and can serve the family: a batch read
 * takes `ids` in its body and spends nothing; a list read is paged (x-a2e-paging), so a page is bounded.
 */
export function checkLinks(
  status: Partial<JobStatus>,
  lookup: (operationId: string) => LinkedOperation | undefined,
): string[] {
  const problems: string[] = [];
  if (status.batchOperation !== undefined) {
    const op = lookup(status.batchOperation);
    if (!op) problems.push(`x-a2e-job-status.batchOperation ${status.batchOperation} is no operation of the spec`);
    else {
      if (op.kind !== 'read')
        problems.push(`x-a2e-job-status.batchOperation ${status.batchOperation} must be x-a2e-kind: read`);
      if (!op.bodyProperties.includes('ids'))
        problems.push(`x-a2e-job-status.batchOperation ${status.batchOperation} must take ids in its body`);
    }
  }
  if (status.listOperation !== undefined) {
    const op = lookup(status.listOperation);
    if (!op) problems.push(`x-a2e-job-status.listOperation ${status.listOperation} is no operation of the spec`);
    else {
      if (op.kind !== 'read')
        problems.push(`x-a2e-job-status.listOperation ${status.listOperation} must be x-a2e-kind: read`);
      if (!op.paged) problems.push(`x-a2e-job-status.listOperation ${status.listOperation} needs x-a2e-paging`);
    }
  }
  return problems;
}
