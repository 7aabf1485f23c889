// Requests are checked against the bundled spec with ajv (JSON Schema 2020-12, as our spec checks do):
// required and typed path/query parameters, and the JSON body against the operation's request schema.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIDoc, Operation } from '../spec.js';

// ajv-formats is CommonJS: its function is the default export under some loaders and the module under others.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

const escapePointerToken = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

export function createValidator(doc: OpenAPIDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, coerceTypes: false });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'spec');
  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string) => {
    let fn = compiled.get(pointer);
    if (!fn) compiled.set(pointer, (fn = ajv.compile({ $ref: `spec#${pointer}` })));
    return fn;
  };
  const paramAjv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, coerceTypes: true });

  /** Problems with the request, as readable lines; empty when it conforms. */
  return function validate(
    op: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
    hasBody: boolean,
  ): string[] {
    const problems: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const raw = p.in === 'path' ? pathParams[p.name] : (query.get(p.name) ?? undefined);
      if (raw === undefined) {
        if (p.required) problems.push(`${p.in} parameter ${p.name} is required`);
        continue;
      }
      if (p.schema) {
        const holder = { v: raw as unknown };
        const check = paramAjv.compile({ type: 'object', properties: { v: derefLocal(doc, p.schema) } });
        if (!check(holder))
          problems.push(
            `${p.in} parameter ${p.name}: ${paramAjv.errorsText(check.errors, { dataVar: p.name }).replace(`${p.name}/v`, p.name)}`,
          );
      }
    }
    const content = derefLocal(doc, op.requestBody)?.content?.['application/json'];
    if (!content?.schema) return problems;
    if (!hasBody) {
      if (derefLocal(doc, op.requestBody)?.required) problems.push('a JSON body is required');
      return problems;
    }
    const pointer = `/paths/${escapePointerToken(op.path)}/${op.method.toLowerCase()}/requestBody/content/application~1json/schema`;
    const check = op.requestBody?.$ref
      ? compile(`${op.requestBody.$ref.slice(1)}/content/application~1json/schema`)
      : compile(pointer);
    if (!check(body)) problems.push(...(check.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`));
    return problems;
  };
}

function derefLocal(doc: OpenAPIDoc, node: any): any {
  let cur = node;
  for (let i = 0; cur?.$ref && i < 16; i++)
    cur = cur.$ref
      .slice(2)
      .split('/')
      .reduce((o: any, k: string) => o?.[k.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  return cur;
}
