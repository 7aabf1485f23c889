// Checks an operation's input against its schema from the spec before anything is quoted or sent, so an
// agent gets a precise message (which field, what is wrong) instead of a 400 from A2E after a quote.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ToolRefusedError } from './errors.js';
import { specOperations } from './spec-schemas.js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

export function validateInput(operationId: string, input: Record<string, unknown>): void {
  let validate = compiled.get(operationId);
  if (!validate) {
    const schema = specOperations().get(operationId)?.inputSchema;
    if (!schema) return;
    compiled.set(operationId, (validate = ajv.compile(schema)));
  }
  if (validate(input)) return;
  const problems = (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(input)'} ${e.message ?? 'is invalid'}`);
  throw new ToolRefusedError(
    'invalid-input',
    `${operationId}: the input does not match its schema: ${problems.join('; ')}. Nothing was sent.`,
  );
}
