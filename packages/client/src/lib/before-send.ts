// The workflows the client registers as before-send steps of the pipeline (core/call.ts), in the order
// they run: a `webhook: { url, token }` option becomes the spec's webhook fields, then the spending
// guard quotes a job start that has a limit. The pipeline knows neither; it only runs the list. Each
// step loads its workflow on first use (dynamic import), so a client that never uses one never loads it.
import type { BeforeSend } from '../core/call.js';
import { familyOfStart } from '../internal/table.js';
import type { WebhookTarget } from './webhooks.js';

/** `webhook: { url, token }` → `webhook_url` (tagged with the job family) and `webhook_token`. */
export const webhookStep: BeforeSend = async ({ operationId, fields }) => {
  if (!fields.webhook) return;
  const { webhookFields } = await import('./webhooks.js');
  Object.assign(fields, webhookFields(operationId, fields.webhook as WebhookTarget));
  delete fields.webhook;
};

/** The spending guard: a job start with a limit (the call's `maxCredits`, else the client's) is quoted first. */
export function budgetStep(maxCredits: number | undefined): BeforeSend {
  return async (context) => {
    if ((context.options.maxCredits ?? maxCredits) === undefined || !familyOfStart.has(context.operationId)) return;
    const { budgetStep: guardStep } = await import('./budget.js');
    await guardStep((id) => familyOfStart.has(id), maxCredits)(context);
  };
}

/** The client's steps: webhook fields first (the quote then prices the body as sent), then the guard. */
export function clientSteps(maxCredits: number | undefined): BeforeSend[] {
  return [webhookStep, budgetStep(maxCredits)];
}
