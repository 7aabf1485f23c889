// Types of the named operations, derived from the generated schema and runtime table: adding an
// operation to the spec adds its method here with no hand-written code.
import type { api, jobs, paging } from './generated/api.gen.js';
import type { operations as Ops } from './generated/schema.gen.js';

type Api = typeof api;
export type Tag = keyof Api;
export type OperationId = { [T in Tag]: keyof Api[T] }[Tag] & keyof Ops;
export type JobFamily = keyof typeof jobs;
export type PagedOperationId = keyof typeof paging & OperationId;

type IdsOfKind<Kind extends string> = {
  [T in Tag]: { [K in keyof Api[T]]: Api[T][K] extends { kind: Kind } ? K : never }[keyof Api[T]];
}[Tag] &
  OperationId;
/** Operations that only read (retried freely). */
export type ReadOperationId = IdsOfKind<'read'>;
/** Operations that change state without spending credits. */
export type WriteOperationId = IdsOfKind<'write'>;
/** Operations that start paid work (never replayed blindly). */
export type PaidOperationId = IdsOfKind<'paid'>;

type Params<K extends OperationId, L extends 'path' | 'query'> = [NonNullable<Ops[K]['parameters'][L]>] extends [never]
  ? {}
  : NonNullable<Ops[K]['parameters'][L]>;
type Body<K extends OperationId> = [NonNullable<Ops[K]['requestBody']>] extends [never]
  ? {}
  : NonNullable<Ops[K]['requestBody']> extends { content: { 'application/json': infer B } }
    ? B
    : {};

/** A job start that takes `webhook_url` also takes `webhook: { url, token }` (see webhooks.ts). */
type WebhookOption<K extends OperationId> = 'webhook_url' extends keyof Body<K>
  ? { webhook?: { url: string; token?: string } }
  : {};

/** What a named operation takes: its path and query parameters and its body fields, in one object. */
export type OperationInput<K extends OperationId> = Params<K, 'path'> & Params<K, 'query'> & Body<K> & WebhookOption<K>;

type Json200<K extends OperationId> = Ops[K]['responses'] extends { 200: { content: { 'application/json': infer R } } }
  ? R
  : never;
/** What a named operation resolves to: the `data` of a `code: 0` envelope. */
export type OperationData<K extends OperationId> =
  Json200<K> extends { data?: infer D } ? Exclude<D, undefined> : unknown;
/** The whole 200 body, envelope included. */
export type OperationBody<K extends OperationId> = Json200<K>;

export interface RequestOptions {
  /** Cancels the request (and its retries). */
  signal?: AbortSignal;
  /** Per-attempt timeout in ms; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Extra headers for this call (e.g. `x-lang`, or Prism's `Prefer`). */
  headers?: Record<string, string>;
  /** For a job start: quote it first and throw BudgetExceededError, sending nothing, if it would cost more. */
  maxCredits?: number;
}

export type OperationArgs<K extends OperationId> =
  {} extends OperationInput<K>
    ? [input?: OperationInput<K>, options?: RequestOptions]
    : [input: OperationInput<K>, options?: RequestOptions];

type At<T, P extends string> = P extends `${infer H}.${infer R}`
  ? At<NonNullable<T>[H & keyof NonNullable<T>], R>
  : NonNullable<T>[P & keyof NonNullable<T>];
type ItemsOf<T> = NonNullable<T> extends readonly (infer E)[] ? E : unknown;
type ItemsPath<K extends PagedOperationId> = (typeof paging)[K]['items'];
/** One row of a paged list operation. */
export type PageItem<K extends PagedOperationId> =
  ItemsPath<K> extends `data.${infer P}` ? ItemsOf<At<OperationData<K>, P>> : ItemsOf<OperationData<K>>;

type StatusOp<F extends JobFamily> = (typeof jobs)[F]['statusOperation'] & OperationId;
/** The record a job family's status operation returns (the first element where it answers an array). */
export type JobRecord<F extends JobFamily> = (typeof jobs)[F]['idIn'] extends 'list'
  ? Record<string, unknown>
  : OperationData<StatusOp<F>> extends readonly (infer E)[]
    ? E
    : OperationData<StatusOp<F>>;
