// The workflows the client registers as before-send steps of the pipeline (core/call.ts), in the order
// they run: a `webhook: { url, token }` option becomes the spec's webhook fields, then the spending
// guard quotes a job start that has a limit. The pipeline knows neither; it only runs the list.
import type { BeforeSend } from '../core/call.js';
import { familyOfStart } from '../internal/table.js';
import { budgetStep } from './budget.js';
import { webhookFields, type WebhookTarget } from './webhooks.js';

/** `webhook: { url, token }` → `webhook_url` (tagged with the job family) and `webhook_token`. */
export const webhookStep: BeforeSend = ({ operationId, fields }) => {
  if (!fields.webhook) return;
  Object.assign(fields, webhookFields(operationId, fields.webhook as WebhookTarget));
  delete fields.webhook;
};

/** The client's steps: webhook fields first (the quote then prices the body as sent), then the guard. */
export function clientSteps(maxCredits: number | undefined): BeforeSend[] {
  return [webhookStep, budgetStep((id) => familyOfStart.has(id), maxCredits)];
}
