// What other packages of the workspace use of the spec: the bundled document and a validator of
// values against any schema in it (the same ajv set-up as the example checks).
import { SPEC_ENTRY } from './locations.ts';
import { bundle } from './redocly.ts';

export { createSchemaValidator, createValidator } from './examples.ts';
export { deref, operations, type OpenAPIDoc } from './openapi-document.ts';
export { operationTable } from './operation-table.ts'; // not generate.ts: that would pull openapi-typescript's types into every importer
export const bundleSpec = (entry: string = SPEC_ENTRY) => bundle(entry);
