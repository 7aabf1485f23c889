// Cost quotes and the spending guard. A2E prices a job without running it (POST /api/v1/generation/quote,
// reading only the fields that change the price). Which field of the answer holds the amount is not
// documented, so the guard looks for the usual names and, when it finds none, refuses to spend:
// it fails closed rather than letting an unpriced job through.
import { getGenerationQuote } from '../generated/fns.gen.js';
import type { OperationInput, RequestOptions } from '../types.js';
import { A2EError, InvalidRequestError } from '../core/errors.js';
import type { BeforeSend, Invoker } from '../core/call.js';

/** A quoted job would cost more than `maxCredits`. Nothing was sent to the job's endpoint. */
export class BudgetExceededError extends A2EError {
  override name = 'BudgetExceededError';
  constructor(
    readonly operationId: string,
    readonly credits: number,
    readonly maxCredits: number,
    readonly quote: unknown,
  ) {
    super(`${operationId} would cost ${credits} credits, over the limit of ${maxCredits}; nothing was started`);
  }
}

/** A `maxCredits` limit was set but the quote named no amount, so the job was not started. */
export class QuoteUnavailableError extends A2EError {
  override name = 'QuoteUnavailableError';
  constructor(
    readonly operationId: string,
    readonly quote: unknown,
  ) {
    super(
      `${operationId}: the quote names no credit amount, so a maxCredits limit cannot be checked; nothing was started`,
    );
  }
}

export interface Quote {
  credits: number | undefined;
  raw: unknown;
}

/** Field names an amount may come under (the quote's answer is not documented). */
const AMOUNT_FIELDS = [
  'credits',
  'coins',
  'cost',
  'creditCost',
  'credit_cost',
  'estimatedCredits',
  'estimated_credits',
  'estimatedCoins',
  'totalCredits',
  'total_credits',
  'price',
  'total',
];

/**
 * The amount a quote names, or undefined. Only a finite, non-negative number counts: a string, NaN,
 * Infinity or a negative figure is no amount, so the guard refuses rather than compares with it. The
 * first amount field present decides; an unusable one is not passed over for a later one.
 */
export function creditsIn(data: unknown): number | undefined {
  const usable = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return usable(data);
  for (const name of AMOUNT_FIELDS) {
    if (Object.hasOwn(data, name)) return usable((data as Record<string, unknown>)[name]);
  }
  return undefined;
}

/** Prices a request to `path` (an operation's path template) with `body` (its body fields, as you would send them). */
export async function quotePath(target: Invoker, path: string, body: object, options?: RequestOptions): Promise<Quote> {
  const input = { endpoint: path, requestBody: body } as OperationInput<'getGenerationQuote'>;
  const data = await getGenerationQuote(target, input, options);
  return { credits: creditsIn(data), raw: data };
}

/** Quotes first and throws before anything is spent when the job would cost more than `maxCredits`. */
export async function guard(
  target: Invoker,
  operationId: string,
  path: string,
  body: object,
  maxCredits: number,
  options?: RequestOptions,
): Promise<void> {
  // A NaN or non-number limit would make every comparison false and let every job through.
  if (typeof maxCredits !== 'number' || !(maxCredits >= 0)) {
    throw new InvalidRequestError(
      `maxCredits must be a number of credits (0 or more), got ${String(maxCredits)}; nothing was started`,
    );
  }
  const q = await quotePath(target, path, body, options);
  if (q.credits === undefined) throw new QuoteUnavailableError(operationId, q.raw);
  if (q.credits > maxCredits) throw new BudgetExceededError(operationId, q.credits, maxCredits, q.raw);
}

/**
 * The spending guard as a before-send step: a job start (`isJobStart`) with a limit — the call's
 * `maxCredits` or else the client's — is quoted first and refused over it.
 */
export function budgetStep(isJobStart: (operationId: string) => boolean, maxCredits: number | undefined): BeforeSend {
  return ({ operationId, route, fields, options, invoke }) => {
    const limit = options.maxCredits ?? maxCredits;
    if (limit === undefined || !isJobStart(operationId)) return;
    return guard({ invoke }, operationId, route.path, fields, limit, { signal: options.signal });
  };
}
