// Answers checked against the bundled spec: ajv compiles the 200 schema a vector points at, once per pointer.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its function is `default` under Node's ESM interop and the module itself in a bundle.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

export function schemaValidator(doc: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'spec');
  const compiled = new Map<string, ValidateFunction>();
  /** `pointer` as in a vector's `expected.schema` (`#/paths/...`). */
  return (pointer: string, value: unknown): ErrorObject[] => {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = ajv.compile({ $ref: `spec${pointer}` })));
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
}
