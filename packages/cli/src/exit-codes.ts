// The exit codes of `a2e`, one per class of failure, so that a script can branch on `$?` without parsing
// stderr. The table is part of the public contract (README); add codes, never renumber.
import {
  A2EError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  BudgetExceededError,
  InvalidRequestError,
  JobFailedError,
  JobTimedOutError,
  QuoteUnavailableError,
  UploadError,
} from '@a2e-sdk/client';

export const EXIT = {
  ok: 0,
  /** Anything not classed below (a bug, an unreadable answer). */
  error: 1,
  /** Bad command line: unknown command or flag, a value of the wrong type, unreadable `--body`. */
  usage: 2,
  /** No API key, or the server refused it (401/403). */
  auth: 3,
  notFound: 4,
  rateLimited: 5,
  /** The server failed (5xx). */
  server: 6,
  /** The server refused the request as invalid (400/422, or another 4xx). */
  badRequest: 7,
  /** The server could not be reached. */
  connection: 8,
  /** A waited-for job ended in a failure status. */
  jobFailed: 9,
  /** The request or the wait ran out of time. */
  timeout: 10,
  /** `--max-credits` refused the start, or its quote could not be had. */
  budget: 11,
  /** A local file could not be uploaded for a media field. */
  upload: 12,
  /** Ctrl-C while waiting: the job goes on; resume with `a2e wait`. */
  interrupted: 130,
} as const;

export type ExitName = keyof typeof EXIT;

/** A command-line mistake found before anything is sent. */
export class UsageError extends A2EError {
  override name = 'UsageError';
}

/** No key anywhere (environment or `a2e auth login`). */
export class MissingKeyError extends A2EError {
  override name = 'MissingKeyError';
}

/** The exit code for an error; classes first, then the HTTP status of an API error of a newer class. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidRequestError) return EXIT.usage;
  if (error instanceof MissingKeyError) return EXIT.auth;
  if (error instanceof JobFailedError) return EXIT.jobFailed;
  if (error instanceof JobTimedOutError || error instanceof APIConnectionTimeoutError) return EXIT.timeout;
  if (error instanceof BudgetExceededError || error instanceof QuoteUnavailableError) return EXIT.budget;
  if (error instanceof UploadError) return EXIT.upload;
  if (error instanceof APIConnectionError) return EXIT.connection;
  if (error instanceof APIError) {
    const { status } = error;
    if (status === 401 || status === 403) return EXIT.auth;
    if (status === 404) return EXIT.notFound;
    if (status === 429) return EXIT.rateLimited;
    if (status >= 500) return EXIT.server;
    return EXIT.badRequest;
  }
  return EXIT.error;
}

/** The table as `a2e --help` prints it. */
export const exitCodeHelp = () =>
  Object.entries(EXIT)
    .map(([name, code]) => `  ${String(code).padStart(3)}  ${name}`)
    .join('\n');
