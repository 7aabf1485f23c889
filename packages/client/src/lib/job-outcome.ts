// What one job record says: still running, done or failed, where its output is and why it failed.
// A family's record may take several shapes (the spec's x-a2e-job-status alternatives: another status
// field with its own values, other result fields), so every declared reading is tried — one that
// matches can only end a wait that would otherwise never end.
import { jobs } from '../generated/api.gen.js';
import type { JobFamily } from '../types.js';

/** One way of reading a record: the family's own, or one of its alternatives. */
interface Reading {
  readonly statusField?: string;
  readonly success?: readonly string[];
  readonly failure?: readonly string[];
  readonly resultFields?: readonly string[];
  readonly messageFields?: readonly string[];
}

type Record_ = Record<string, unknown> | undefined;

/** The family's own reading first, then its alternatives in the spec's order. */
function readings(name: JobFamily): readonly Reading[] {
  const family = jobs[name] as Reading & { readonly alternatives?: readonly Reading[] };
  return [family, ...(family.alternatives ?? [])];
}

const firstText = (record: Record_, fields: readonly string[]) =>
  fields.map((f) => record?.[f]).find((v) => typeof v === 'string' && v !== '') as string | undefined;

export interface JobOutcome {
  /** `pending` until some reading's status field holds one of its success or failure values. */
  state: 'pending' | 'success' | 'failure';
  /** The status as the server spelled it: the deciding one, else the first status field present. */
  status: string | undefined;
}

/** Reads the outcome of `record`: the first reading whose status field holds a terminal value decides. */
export function jobOutcome(name: JobFamily, record: Record_): JobOutcome {
  let seen: string | undefined;
  for (const r of readings(name)) {
    if (!r.statusField) continue;
    const value = record?.[r.statusField];
    if (typeof value !== 'string') continue;
    seen ??= value;
    if (r.success?.includes(value)) return { state: 'success', status: value };
    if (r.failure?.includes(value)) return { state: 'failure', status: value };
  }
  return { state: 'pending', status: seen };
}

/** The failure text of `record`, from the first non-empty message field any reading declares. */
export const jobFailureMessage = (name: JobFamily, record: Record_) =>
  firstText(
    record,
    readings(name).flatMap((r) => r.messageFields ?? []),
  );

/**
 * The output of a finished job: the first non-empty result field any reading declares (a URL or id as
 * a string, or a list such as `image_urls`); undefined when none is set.
 */
export function jobResultOf(name: JobFamily, record: unknown): string | readonly string[] | undefined {
  const row = (Array.isArray(record) ? record[0] : record) as Record_;
  for (const field of readings(name).flatMap((r) => r.resultFields ?? [])) {
    const value = row?.[field];
    if (typeof value === 'string' && value !== '') return value;
    if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) return value as string[];
  }
  return undefined;
}
