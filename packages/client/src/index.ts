// Public entry of @a2e-sdk/client. The client itself (createA2EClient) lands with its own issue;
// for now the package exports the generated types and the operation table.
export type { paths, components, operations as OperationTypes } from './generated/schema.gen.js';
export { operations, jobFamilies, servers } from './generated/operations.gen.js';
export type { OperationId, JobFamilyName } from './generated/operations.gen.js';
