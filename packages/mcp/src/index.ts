// `@a2e-sdk/mcp`: the server for embedding (own transport, shared store); the bin is `a2e-mcp`.
export { configFromEnv, ConfigError, type McpConfig } from './config.js';
export { createA2EMcpServer, keyScrubber, SERVER_NAME, SERVER_VERSION, type ServerDeps } from './server.js';
export { startHttpServer, type HttpOptions } from './http.js';
export { createMemoryStore, type Claim, type Confirmation, type Outcome, type SafetyStore } from './store.js';
export { createPaidGate, type GateOptions, type PaidGate, type Prepared } from './paid-gate.js';
export { createCatalog, type Catalog } from './catalog.js';
export { toolDefs, type ToolDef } from './tool-defs.js';
export { canonicalJson, requestHash } from './canonical.js';
export { ToolRefusedError } from './errors.js';
