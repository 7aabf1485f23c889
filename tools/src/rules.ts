// The spec's own conventions (spec/CONVENTIONS.md), which Redocly cannot express: the annotations the
// client, React hooks and conformance suite are generated from must be present and consistent.
import type { Problem } from './examples.ts';
import { checkAlternatives, checkLinks, checkVocabulary, type JobStatus, type LinkedOperation } from './job-status.ts';
import { checkLimits, checkUnknownResponse } from './rules-evidence.ts';
import { deref, needsAuth, operations, type MediaType, type OpenAPIDoc, type Operation } from './openapi-document.ts';

export const KINDS = ['read', 'write', 'paid'] as const;
export const PRIVILEGES = ['account', 'destructive'] as const;
/** A deletion by its method, its name or its path's last segment: each must say `x-a2e-privilege: destructive`. */
const DELETES = (method: string, path: string, id = '') =>
  method === 'delete' || /^(delete|remove)/.test(id) || /\/(del|delete|remove)(\/\{[^/]+\})?$/.test(path);
const FORBIDDEN_KEYWORDS = [
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  '$dynamicRef',
  '$dynamicAnchor',
  'dependentRequired',
  'dependentSchemas',
];
const JOB_EXAMPLES = ['completed', 'processing', 'failed'] as const;
const ERROR_STATUSES = ['400', '401', '429', '5XX'];

export type { JobStatus } from './job-status.ts';

const json = (op: Operation, status: string): MediaType | undefined =>
  op.responses?.[status]?.content?.['application/json'];
const get = (o: unknown, dotted: string) => dotted.split('.').reduce<any>((v, k) => v?.[k], o);

export function checkRules(doc: OpenAPIDoc): Problem[] {
  const problems: Problem[] = [];
  const tags = new Set(doc.tags?.map((t) => t.name));
  const statusOps = new Map<string, string>();
  const starts: { where: string; family: string }[] = [];
  const examplesOf = (m?: MediaType) =>
    Object.entries(m?.examples ?? {}).map(([name, ex]) => {
      const ref = (ex as { $ref?: string }).$ref;
      return {
        name,
        value: ref ? (doc.components?.examples?.[ref.split('/').pop()!] as { value?: unknown })?.value : ex.value,
      };
    });

  if ('jsonSchemaDialect' in doc)
    problems.push({ where: '/', message: 'top-level jsonSchemaDialect turns off Prism request validation' });
  if (JSON.stringify(doc).toLowerCase().includes('makefun'))
    problems.push({ where: '/', message: 'the makefun.ai rebrand must not appear in the spec' });
  const scan = (node: unknown, ptr: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (FORBIDDEN_KEYWORDS.includes(k))
        problems.push({
          where: `${ptr}/${k}`,
          message: `${k} does not mean the same under draft-07 (Prism) and 2020-12`,
        });
      scan(v, `${ptr}/${k}`);
    }
  };
  scan(doc.components?.schemas, '/components/schemas');
  const limitSchemas = new Set<object>(); // a shared schema's limits are reported once
  // Job families link their batch and list reads by operationId (checkLinks).
  const linked = new Map<string, LinkedOperation>();
  for (const { op } of operations(doc)) {
    const schema = deref(doc, op.requestBody?.content?.['application/json']?.schema) as
      | { properties?: object; allOf?: unknown[] }
      | undefined;
    const props = [schema, ...((schema?.allOf ?? []).map((s) => deref(doc, s)) as { properties?: object }[])].flatMap(
      (s) => Object.keys(s?.properties ?? {}),
    );
    if (op.operationId)
      linked.set(op.operationId, { kind: op['x-a2e-kind'], bodyProperties: props, paged: !!op['x-a2e-paging'] });
  }

  for (const { path, method, op } of operations(doc)) {
    const where = `${method.toUpperCase()} ${path}`;
    const err = (message: string) => problems.push({ where, message });
    if (!op.operationId || !/^[a-z][a-zA-Z0-9]*$/.test(op.operationId))
      err(`operationId must be camelCase (got ${op.operationId})`);
    if (op.tags?.length !== 1 || !tags.has(op.tags[0]!))
      err(`needs exactly one declared tag (got ${op.tags?.join(', ')})`);
    if (!KINDS.includes(op['x-a2e-kind'] as never)) err(`x-a2e-kind must be one of ${KINDS.join('|')}`);
    const privilege = op['x-a2e-privilege'];
    if (privilege !== undefined && !PRIVILEGES.includes(privilege as never))
      err(`x-a2e-privilege must be one of ${PRIVILEGES.join('|')} or absent`);
    else if (DELETES(method, path, op.operationId) && privilege !== 'destructive')
      err('a deletion needs x-a2e-privilege: destructive');
    scan(op, `/paths/${path}/${method}`);

    for (const message of checkLimits(doc, path, op, limitSchemas)) err(message);
    for (const message of checkUnknownResponse(doc, op)) err(message);
    const body = op.requestBody?.content;
    if (body)
      for (const [type, media] of Object.entries(body)) {
        if (!examplesOf(media).length) err(`request body ${type} needs named examples`);
      }
    const ok = json(op, '200');
    if (!ok) {
      err('needs a 200 application/json response');
      continue;
    }
    const allOf = (ok.schema?.allOf ?? []) as { $ref?: string }[];
    if (!allOf.some((s) => s.$ref === '#/components/schemas/Envelope')) err('200 schema must be allOf [Envelope, …]');
    const examples = examplesOf(ok);
    if (!examples.length) err('200 response needs named examples');
    if (examples.at(-1)?.name !== 'nonZeroCode') err('200 examples must end with nonZeroCode');
    for (const s of needsAuth(op) ? ERROR_STATUSES : ERROR_STATUSES.filter((s) => s !== '401')) {
      if (!op.responses?.[s]) err(`missing the shared ${s} response`);
    }

    const start = op['x-a2e-job-start'] as { family?: string; idField?: string } | undefined;
    if (start) {
      if (!start.family || !start.idField) err('x-a2e-job-start needs family and idField');
      else starts.push({ where, family: start.family });
      if (op['x-a2e-kind'] !== 'paid') err('a job start is x-a2e-kind: paid');
      // The default 200 example is what a mock serves: a waiter started from it needs the job id.
      const data = get(examples[0]?.value, 'data');
      if (start.idField && get(Array.isArray(data) ? data[0] : data, start.idField) === undefined)
        err(`the first 200 example of a job start must carry data.${start.idField}`);
    }
    const status = op['x-a2e-job-status'] as Partial<JobStatus> | undefined;
    if (status) {
      const { family, idParam, matchField, statusField, pending, success, failure } = status;
      if (!family || !statusField || !pending || !success?.length || !failure?.length) {
        err('x-a2e-job-status needs family, statusField, pending, success, failure');
        continue;
      }
      if (!idParam === !matchField) err('x-a2e-job-status needs exactly one of idParam and matchField');
      for (const message of [
        ...checkAlternatives(status),
        ...checkVocabulary(op['x-a2e-docs']),
        ...checkLinks(status, (id) => linked.get(id)),
      ])
        err(message);
      if (statusOps.has(family)) err(`job family ${family} already has a status operation (${statusOps.get(family)})`);
      statusOps.set(family, where);
      const params = [...(doc.paths[path]?.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p).name);
      const bodyProps = Object.keys((body?.['application/json']?.schema?.properties as object) ?? {});
      if (idParam && !params.includes(idParam) && !bodyProps.includes(idParam))
        err(`idParam ${idParam} is neither a parameter nor a body property`);
      const groups: Record<(typeof JOB_EXAMPLES)[number], string[]> = {
        completed: success,
        processing: pending,
        failed: failure,
      };
      for (const name of JOB_EXAMPLES) {
        const ex = examples.find((e) => e.name === name);
        if (!ex) {
          err(`job status operation needs a 200 example named ${name}`);
          continue;
        }
        const data = get(ex.value, 'data');
        const value = get(Array.isArray(data) ? data[0] : data, statusField);
        if (!groups[name].includes(value))
          err(`example ${name}: ${statusField}=${JSON.stringify(value)} is not one of ${groups[name].join('|')}`);
      }
    }
    const paging = op['x-a2e-paging'] as { page?: string; size?: string; items?: string } | undefined;
    if (paging) {
      const names = (op.parameters ?? []).map((p) => deref(doc, p).name);
      const bodyProps = Object.keys((body?.['application/json']?.schema?.properties as object) ?? {});
      for (const p of [paging.page, paging.size])
        if (!p || (!names.includes(p) && !bodyProps.includes(p)))
          err(`x-a2e-paging names ${p}, which is not a parameter or body property`);
      if (!paging.items) err('x-a2e-paging needs items');
    }
  }
  problems.push(...checkInvalidates(doc));
  for (const s of starts)
    if (!statusOps.has(s.family))
      problems.push({ where: s.where, message: `job family ${s.family} has no operation with x-a2e-job-status` });
  return problems;
}

/** `x-a2e-invalidates`: only on a write or paid call, naming reads that exist (the React hooks refetch them). */
function checkInvalidates(doc: OpenAPIDoc): Problem[] {
  const kinds = new Map([...operations(doc)].map(({ op }) => [op.operationId, op['x-a2e-kind']]));
  const problems: Problem[] = [];
  for (const { path, method, op } of operations(doc)) {
    const named = op['x-a2e-invalidates'];
    if (named === undefined) continue;
    const where = `${method.toUpperCase()} ${path}`;
    if (op['x-a2e-kind'] === 'read')
      problems.push({ where, message: 'a read changes nothing: it takes no x-a2e-invalidates' });
    if (!Array.isArray(named) || named.length === 0) {
      problems.push({ where, message: 'x-a2e-invalidates is a non-empty list of operationIds' });
      continue;
    }
    for (const id of named) {
      if (kinds.get(id) !== 'read')
        problems.push({ where, message: `x-a2e-invalidates names ${id}, which is not a read of this spec` });
    }
  }
  return problems;
}
