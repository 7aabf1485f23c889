// Every example in the spec must validate against the schema beside it (ajv, JSON Schema 2020-12).
// The bundled document is registered whole, so `$ref`s inside schemas resolve as they do for Prism.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { deref, escapePointer as esc, type OpenAPIDoc } from './openapi-document.ts';

export interface Problem {
  where: string;
  message: string;
}

/** Validates values against schemas of the bundled spec, named by JSON pointer; compiled once each. */
export function createSchemaValidator(doc: OpenAPIDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, 'spec');
  const compiled = new Map<string, ValidateFunction>();
  return (pointer: string, value: unknown): ErrorObject[] => {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = ajv.compile({ $ref: `spec#${pointer}` })));
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
}

/** The same, as one line of text per failing value (null when valid). */
export function createValidator(doc: OpenAPIDoc) {
  const validate = createSchemaValidator(doc);
  const ajv = new Ajv2020();
  return (pointer: string, value: unknown): string | null => {
    const errors = validate(pointer, value);
    return errors.length ? ajv.errorsText(errors, { dataVar: 'example' }) : null;
  };
}

/** Examples of media types, parameters and schemas, each checked against its schema. */
export function checkExamples(doc: OpenAPIDoc): { checked: number; problems: Problem[] } {
  const validate = createValidator(doc);
  const problems: Problem[] = [];
  let checked = 0;
  const check = (schemaPtr: string, where: string, value: unknown) => {
    checked++;
    const err = validate(schemaPtr, value);
    if (err) problems.push({ where, message: err });
  };

  const walk = (node: unknown, ptr: string, inSchema: boolean) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, `${ptr}/${i}`, inSchema));
      return;
    }
    const o = node as Record<string, unknown>;
    if (inSchema && Array.isArray(o.examples)) o.examples.forEach((v, i) => check(ptr, `${ptr}/examples/${i}`, v));
    if (!inSchema && o.schema && typeof o.schema === 'object') {
      const schemaPtr = `${ptr}/schema`;
      if ('example' in o) check(schemaPtr, `${ptr}/example`, o.example);
      if (o.examples && typeof o.examples === 'object' && !Array.isArray(o.examples)) {
        for (const [name, ex] of Object.entries(o.examples)) {
          const ref = deref(doc, ex) as { value?: unknown; externalValue?: string } | undefined;
          if (ref && 'value' in ref) check(schemaPtr, `${ptr}/examples/${esc(name)}`, ref.value);
        }
      }
    }
    for (const [k, v] of Object.entries(o)) {
      if (!inSchema && k === 'examples') continue;
      const childInSchema = inSchema
        ? !(k === 'examples' || k === 'example' || k === 'default' || k === 'const' || k === 'enum')
        : k === 'schema' || (ptr === '/components' && k === 'schemas');
      if (inSchema && !childInSchema) continue;
      walk(v, `${ptr}/${esc(k)}`, childInSchema || ptr === '/components/schemas');
    }
  };
  walk(doc.paths, '/paths', false);
  walk(doc.components, '/components', false);
  return { checked, problems };
}
