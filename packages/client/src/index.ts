// Public entry of @a2e-sdk/client.
export { createA2EClient } from './client.js';
export { credentialsOf, startStreamingSession, streamingError } from './lib/streaming/session.js';
export type {
  StartStreamingOptions,
  StreamingCredentials,
  StreamingEndReason,
  StreamingSession,
} from './lib/streaming/session.js';
export { createQaAssembler } from './lib/streaming/qa-messages.js';
export type { QaAnswer, QaAssembler } from './lib/streaming/qa-messages.js';
export type { A2EClient, ClientOptions } from './client.js';
export {
  A2EError,
  APIError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidRequestError,
  InvalidResponseError,
  JobFailedError,
  JobTimedOutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamingCapacityError,
  UnprocessableEntityError,
} from './core/errors.js';
export type { APIErrorInit } from './core/errors.js';
export { BudgetExceededError, QuoteUnavailableError } from './lib/budget.js';
export type { Quote } from './lib/budget.js';
export { UploadError } from './lib/files.js';
export type { Uploaded, UploadFailure, UploadOptions, UploadSource } from './lib/files.js';
export { constantTimeEqual, DEFAULT_WEBHOOK_MAX_BODY_BYTES, handleA2EWebhook, WebhookError } from './lib/webhooks.js';
export type { A2EWebhookEvent, WebhookOptions, WebhookRefusal, WebhookResult, WebhookTarget } from './lib/webhooks.js';
export { pollUntil } from './core/poll.js';
export type { PollOptions, PollStep } from './core/poll.js';
export type { WaitOptions, Waiters } from './lib/jobs.js';
// Jobs at scale: the tracker behind every waiter, the ledger's store (memory by default; @a2e-sdk/redis).
export { JobStatusUnknownError } from './lib/tracker/status.js';
export { createMemoryStore } from './lib/tracker/memory-store.js';
export { DEFAULT_RECONCILE_GRACE_MS, startReconciler } from './lib/tracker/reconcile.js';
export type { ReconcileRound, Reconciler, ReconcilerOptions } from './lib/tracker/reconcile.js';
export type { MemoryStoreOptions } from './lib/tracker/memory-store.js';
export type { JobStore, LedgerEntry, SessionStore, SharedSession } from './lib/tracker/store.js';
export type { TrackerStats } from './lib/tracker/tracker.js';
export type { MaybeSubmitted, ResumedJob, ResumeReport } from './lib/tracker/resume.js';
export type { Pager } from './core/paginate.js';
export type { BeforeSend, BeforeSendContext, CallResult, Invoker, OperationFn, Route } from './core/call.js';
export { createA2ECore } from './lean.js';
export type { A2ECore, CoreOptions } from './lean.js';
export type { LogEvent } from './internal/transport.js';
export type { OperationKind } from './core/retry.js';
export type {
  JobFamily,
  JobRecord,
  OperationArgs,
  OperationBody,
  OperationData,
  OperationId,
  OperationInput,
  PagedOperationId,
  PageItem,
  PaidOperationId,
  ReadOperationId,
  RequestOptions,
  Tag,
  WriteOperationId,
} from './types.js';
export type { Resources } from './generated/resources.gen.js';
export type { paths, components, operations } from './generated/schema.gen.js';
export { api, jobs, paging, privileged, servers } from './generated/api.gen.js';
