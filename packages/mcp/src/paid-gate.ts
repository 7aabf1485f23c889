// The paid-safety gate, enforced here rather than asked of the agent: a paid operation runs only with a
// confirmation that a prior quote (or, where A2E's quote does not price it, a prepare step) handed out,
// bound to the session, the operation and the exact input; a confirmation runs its call at most once —
// every later use, concurrent ones included, gets the first call's outcome — and quoted credits count
// against the session's budget.
import { randomBytes } from 'node:crypto';
import { APIError } from '@a2e-sdk/client';
import { requestHash } from './canonical.js';
import { ToolRefusedError } from './errors.js';
import type { Outcome, SafetyStore } from './store.js';

export interface GateOptions {
  store: SafetyStore;
  /** Lifetime of a confirmation in ms (A2E_MCP_CONFIRMATION_TTL_MS). */
  ttlMs: number;
  /** Credits one session may commit; undefined = no limit (A2E_MCP_MAX_CREDITS). */
  maxCredits: number | undefined;
  /** How often a second use polls for the first use's outcome, in ms. Default 100. */
  claimPollMs?: number;
  /** How long a second use waits for the first one, in ms. Default 900000 (15 minutes). */
  claimWaitMs?: number;
}

export interface Prepared {
  confirmation: string;
  operationId: string;
  priced: boolean;
  credits: number | null;
  expiresAt: string;
  budget: { maxCredits: number | null; spentCredits: number };
}

export interface RunResult {
  data: unknown;
  replayed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPaidGate(options: GateOptions) {
  const { store, ttlMs, maxCredits, claimPollMs = 100, claimWaitMs = 900_000 } = options;

  async function refuseOverBudget(sessionId: string, operationId: string, credits: number): Promise<never> {
    const spent = await store.spentCredits(sessionId);
    throw new ToolRefusedError(
      'budget',
      `${operationId} would cost ${credits} credits; this session has spent ${spent} of its ` +
        `${maxCredits} (A2E_MCP_MAX_CREDITS). Nothing was sent to A2E.`,
    );
  }

  /** Issues a confirmation for `operationId` with `input`, priced by `credits` (undefined = unpriced). */
  async function issue(
    sessionId: string,
    operationId: string,
    input: unknown,
    credits: number | undefined,
  ): Promise<Prepared> {
    if (
      credits !== undefined &&
      maxCredits !== undefined &&
      (await store.spentCredits(sessionId)) + credits > maxCredits
    ) {
      await refuseOverBudget(sessionId, operationId, credits);
    }
    const token = `a2e_cf_${randomBytes(18).toString('base64url')}`;
    const expiresAt = Date.now() + ttlMs;
    await store.saveConfirmation({
      token,
      sessionId,
      operationId,
      hash: requestHash(operationId, input),
      credits,
      expiresAt,
    });
    return {
      confirmation: token,
      operationId,
      priced: credits !== undefined,
      credits: credits ?? null,
      expiresAt: new Date(expiresAt).toISOString(),
      budget: { maxCredits: maxCredits ?? null, spentCredits: await store.spentCredits(sessionId) },
    };
  }

  async function awaitOutcome(token: string): Promise<Outcome> {
    const deadline = Date.now() + claimWaitMs;
    while (Date.now() < deadline) {
      await sleep(claimPollMs);
      const claim = await store.claim(token);
      if (claim.state === 'done') return claim.outcome;
    }
    throw new ToolRefusedError(
      'in-use',
      'This confirmation is still being used by another call; its outcome is not known yet.',
    );
  }

  function replay(outcome: Outcome): RunResult {
    if (outcome.ok) return { data: outcome.data, replayed: true };
    throw new ToolRefusedError(
      'used',
      `This confirmation was already used and that call did not succeed (${outcome.message}). ` +
        'Nothing new was sent. Quote again for a new confirmation.',
    );
  }

  /** Runs `send` once for this confirmation; any later use gets the first outcome and sends nothing. */
  async function run(
    sessionId: string,
    operationId: string,
    input: unknown,
    token: string | undefined,
    send: () => Promise<unknown>,
  ): Promise<RunResult> {
    if (!token) {
      throw new ToolRefusedError(
        'confirmation-required',
        `${operationId} spends credits, so it needs a confirmation. Nothing was sent ` +
          'to A2E. Call quote_operation with this operationId and input: it returns the price (or says the operation ' +
          `is unpriced) and a confirmation valid for ${Math.round(ttlMs / 1000)} s, bound to exactly this input. Then repeat this ` +
          'call with `confirmation` set to it.',
      );
    }
    const c = await store.getConfirmation(token);
    if (!c || c.sessionId !== sessionId) {
      throw new ToolRefusedError(
        'unknown-confirmation',
        'Unknown confirmation (it was not issued in this session, or the server ' +
          'restarted). Nothing was sent. Quote again.',
      );
    }
    if (c.operationId !== operationId || c.hash !== requestHash(operationId, input)) {
      throw new ToolRefusedError(
        'wrong-request',
        `This confirmation was issued for ${c.operationId} with a different input; it ` +
          'allows only the exact request that was quoted. Nothing was sent. Quote the request you mean to send.',
      );
    }
    const claim = await store.claim(token);
    if (claim.state === 'done') return replay(claim.outcome);
    if (claim.state === 'running') return replay(await awaitOutcome(token));
    if (c.expiresAt < Date.now()) {
      const message = 'the confirmation had expired';
      await store.settle(token, { ok: false, message });
      throw new ToolRefusedError(
        'expired',
        `This confirmation expired at ${new Date(c.expiresAt).toISOString()}. Nothing was sent. Quote again.`,
      );
    }
    const reserved = c.credits !== undefined && maxCredits !== undefined;
    if (reserved && !(await store.reserveCredits(sessionId, c.credits!, maxCredits!))) {
      await store.settle(token, { ok: false, message: 'over the session budget' });
      await refuseOverBudget(sessionId, operationId, c.credits!);
    }
    try {
      const data = await send();
      await store.settle(token, { ok: true, data });
      return { data, replayed: false };
    } catch (error) {
      // A2E answered with an error: nothing was started, so the credits go back. Any other failure (timeout,
      // lost connection) may have started the job, so the reservation stands and the use is spent.
      if (reserved && error instanceof APIError) await store.releaseCredits(sessionId, c.credits!);
      await store.settle(token, { ok: false, message: (error as Error).message });
      throw error;
    }
  }

  return { issue, run };
}

export type PaidGate = ReturnType<typeof createPaidGate>;
