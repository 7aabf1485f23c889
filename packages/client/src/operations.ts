// `@a2e-sdk/client/operations`: the rich operation table (method, path, tag, kind, auth, parameters,
// job and paging facts) and job families, for tools, docs and tests. Kept out of the main entry, whose
// compact table is all a client needs.
export { jobFamilies, operations, servers } from './generated/operations.gen.js';
export type { JobFamilyName, OperationId } from './generated/operations.gen.js';
