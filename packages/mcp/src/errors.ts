// The server's own refusals, in the client's error tree so callers can tell them apart with `instanceof`.
import { A2EError } from '@a2e-sdk/client';

/** The server refused a tool call before sending anything to A2E (no confirmation, wrong body, budget, path). */
export class ToolRefusedError extends A2EError {
  override name = 'ToolRefusedError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
