// What goes to stdout and stderr: results as JSON (pretty on a terminal, one line otherwise, so a pipe
// gets one document per line), errors as one JSON object on stderr, never with the API key in it.
import { APIError, BudgetExceededError, JobFailedError, JobTimedOutError } from '@a2e-sdk/client';
import { exitCodeOf } from './exit-codes.js';

let secrets: string[] = [];

/** Strings that must never be written out (the API key); replaced by `***` wherever they appear. */
export function registerSecret(secret: string | undefined) {
  if (secret && secret.length >= 4) secrets = [...new Set([...secrets, secret])];
}

export function scrub(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('***');
  return out;
}

export function printJson(value: unknown, stream: NodeJS.WriteStream = process.stdout) {
  const pretty = stream.isTTY && !process.env.A2E_COMPACT;
  stream.write(`${scrub(JSON.stringify(value ?? null, null, pretty ? 2 : undefined))}\n`);
}

/** One JSON line on stderr (progress events of `--wait` when not on a terminal). */
export function printEvent(event: Record<string, unknown>) {
  process.stderr.write(`${scrub(JSON.stringify(event))}\n`);
}

/** The error envelope: `{ "error": { name, message, exitCode, ...what the class carries } }`. */
export function errorEnvelope(error: unknown) {
  const e = error as Error & Record<string, unknown>;
  const envelope: Record<string, unknown> = {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(error),
    exitCode: exitCodeOf(error),
  };
  if (error instanceof APIError)
    Object.assign(envelope, {
      status: error.status,
      code: error.code,
      operationId: error.operationId,
      body: error.body,
    });
  if (error instanceof JobFailedError || error instanceof JobTimedOutError) {
    Object.assign(envelope, { family: error.family, jobId: error.jobId, job: error.job });
    if (error instanceof JobFailedError) envelope.status = error.status;
  }
  if (error instanceof BudgetExceededError)
    Object.assign(envelope, { credits: error.credits, maxCredits: error.maxCredits });
  if (e && typeof e.hint === 'string') envelope.hint = e.hint;
  return { error: envelope };
}

export function printError(error: unknown): number {
  const envelope = errorEnvelope(error);
  printJson(envelope, process.stderr);
  return envelope.error.exitCode as number;
}
