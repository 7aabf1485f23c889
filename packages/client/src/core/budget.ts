// Cost quotes and the spending guard. A2E prices a job without running it (POST /api/v1/generation/quote,
// reading only the fields that change the price). Which field of the answer holds the amount is not
// documented, so the guard looks for the usual names and, when it finds none, refuses to spend:
// it fails closed rather than letting an unpriced job through.
import { entries } from '../internal/table.js';
import type { OperationId, OperationInput, RequestOptions } from '../types.js';
import { A2EError } from './errors.js';
import type { Call } from './call.js';

/** A quoted job would cost more than `maxCredits`. Nothing was sent to the job's endpoint. */
export class BudgetExceededError extends A2EError {
  override name = 'BudgetExceededError';
  constructor(readonly operationId: string, readonly credits: number, readonly maxCredits: number, readonly quote: unknown) {
    super(`${operationId} would cost ${credits} credits, over the limit of ${maxCredits}; nothing was started`);
  }
}

/** A `maxCredits` limit was set but the quote named no amount, so the job was not started. */
export class QuoteUnavailableError extends A2EError {
  override name = 'QuoteUnavailableError';
  constructor(readonly operationId: string, readonly quote: unknown) {
    super(`${operationId}: the quote names no credit amount, so a maxCredits limit cannot be checked; nothing was started`);
  }
}

export interface Quote { credits: number | undefined; raw: unknown }

/** Field names an amount may come under (the quote's answer is not documented). */
const AMOUNT_FIELDS = ['credits', 'coins', 'cost', 'creditCost', 'credit_cost', 'estimatedCredits', 'estimated_credits', 'estimatedCoins', 'totalCredits', 'total_credits', 'price', 'total'];

export function creditsIn(data: unknown): number | undefined {
  if (typeof data === 'number') return data;
  const record = data as Record<string, unknown> | null;
  for (const name of AMOUNT_FIELDS) {
    const v = record?.[name];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}


/** Prices a call of `operationId` with `body` (its body fields, as you would send them). */
export async function quote<K extends OperationId>(call: Call, operationId: K, body: Partial<OperationInput<K>>, options?: RequestOptions): Promise<Quote> {
  const { data } = await call('getGenerationQuote', { endpoint: entries.get(operationId)![1], requestBody: body as Record<string, unknown> }, options);
  return { credits: creditsIn(data), raw: data };
}

/** Quotes first and throws before anything is spent when the job would cost more than `maxCredits`. */
export async function guard(call: Call, operationId: string, body: object, maxCredits: number, options?: RequestOptions): Promise<void> {
  const q = await quote(call, operationId as OperationId, body as never, options);
  if (q.credits === undefined) throw new QuoteUnavailableError(operationId, q.raw);
  if (q.credits > maxCredits) throw new BudgetExceededError(operationId, q.credits, maxCredits, q.raw);
}
