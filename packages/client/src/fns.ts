// `@a2e-sdk/client/fns`: one function per operation, named exactly as its operationId, each taking a
// client or a lean core first: `await getDubbing(core, { _id })`. Every export is a pure constant, so a
// bundler keeps only the functions an app calls, plus the pipeline.
export * from './generated/fns.gen.js';
export { createA2ECore } from './lean.js';
export type { A2ECore, CoreOptions } from './lean.js';
export type { BeforeSend, BeforeSendContext, CallResult, Invoker, OperationFn, Route } from './core/call.js';
