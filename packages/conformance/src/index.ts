// `@a2e-sdk/conformance`: the contract-testing kit as a library. The CLI `a2e-conformance` is the same code.
export {
  runConformance,
  exitCodeOf,
  EXIT,
  UsageError,
  type ConformanceOptions,
  type ConformanceReport,
  type CaseResult,
  type CaseOutcome,
} from './kit/run.js';
export { toJUnit } from './kit/junit.js';
export { loadVectors, type OperationVector } from './kit/load.js';
export type { JobDriver } from './kit/jobs.js';
export type { Drift, DriftKind } from './drift.js';
