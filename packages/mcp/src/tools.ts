// What each tool does. Every path that could spend goes through the paid gate; reads go straight to the
// client. Results are JSON text; refusals and API errors come back as tool errors (isError) the agent reads.
import { realpath, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { A2EClient } from '@a2e-sdk/client';
import { uploadFile } from '@a2e-sdk/client/node';
import type { Catalog, FamilyEntry } from './catalog.js';
import type { McpConfig } from './config.js';
import { ToolRefusedError } from './errors.js';
import { fileUnderRoot } from './files.js';
import { resumeHint, viewOf, waitJob } from './jobs.js';
import type { PaidGate } from './paid-gate.js';
import { specOperations } from './spec-schemas.js';
import { validateInput } from './validate.js';

export interface ToolContext {
  a2e: A2EClient;
  catalog: Catalog;
  gate: PaidGate;
  config: McpConfig;
  sessionId: string;
  signal: AbortSignal;
  /** Sends `notifications/progress` when the request carried a progressToken; a no-op otherwise. */
  progress(progress: number, message: string): Promise<void>;
}

type Args = Record<string, unknown>;
const str = (args: Args, name: string): string => {
  const v = args[name];
  if (typeof v !== 'string' || v === '')
    throw new ToolRefusedError('invalid-input', `\`${name}\` must be a non-empty string`);
  return v;
};
const obj = (v: unknown): Record<string, unknown> => {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new ToolRefusedError('invalid-input', '`input` must be an object');
  return v as Record<string, unknown>;
};
const optToken = (args: Args) =>
  typeof args.confirmation === 'string' && args.confirmation !== '' ? args.confirmation : undefined;

function family(ctx: ToolContext, name: unknown): FamilyEntry {
  const f = typeof name === 'string' ? ctx.catalog.families.get(name) : undefined;
  if (!f) throw new ToolRefusedError('invalid-input', `Unknown or unexposed job family "${String(name)}"`);
  return f;
}

/** Runs an exposed operation: straight through for reads and writes, through the gate when it is paid. */
async function runOperation(
  ctx: ToolContext,
  operationId: string,
  input: Record<string, unknown>,
  token: string | undefined,
) {
  const op = ctx.catalog.require(operationId);
  validateInput(operationId, input);
  const send = async () =>
    (await ctx.a2e.call(operationId as never, input as never, { signal: ctx.signal })).data as unknown;
  if (op.kind !== 'paid') return { data: await send(), replayed: false };
  return ctx.gate.run(ctx.sessionId, operationId, input, token, send);
}

function waitSettings(ctx: ToolContext, args: Args, f: FamilyEntry, jobId: string) {
  const timeoutMs =
    typeof args.timeoutMs === 'number' && args.timeoutMs >= 0 ? args.timeoutMs : ctx.config.waitTimeoutMs;
  return {
    timeoutMs,
    intervalMs: ctx.config.pollIntervalMs,
    signal: ctx.signal,
    onStatus: (status: string | undefined, polls: number) =>
      ctx.progress(polls, `${f.family} job ${jobId}: ${status ?? 'unknown'}`),
  };
}

async function readJob(ctx: ToolContext, f: FamilyEntry, jobId: string): Promise<unknown> {
  if (f.idIn === 'list') {
    const { data } = await ctx.a2e.call(f.statusOperation as never, {} as never, { signal: ctx.signal });
    const rows = Array.isArray(data) ? data : ((data as { rows?: unknown[] })?.rows ?? []);
    const field = (f as { matchField?: string }).matchField ?? '_id';
    return rows.find((r) => (r as Record<string, unknown>)?.[field] === jobId);
  }
  const { data } = await ctx.a2e.call(f.statusOperation as never, { [f.idParam]: jobId } as never, {
    signal: ctx.signal,
  });
  return Array.isArray(data) ? data[0] : data;
}

function listOperationOf(ctx: ToolContext, f: FamilyEntry): string {
  if (f.idIn === 'list') return f.statusOperation;
  const tag = ctx.catalog.operations.get(f.statusOperation)?.tag;
  const found = [...ctx.catalog.operations].find(
    ([id, op]) => op.tag === tag && op.kind === 'read' && id.startsWith('list'),
  );
  if (!found) throw new ToolRefusedError('no-list', `The ${f.family} family has no list operation`);
  return found[0];
}

export const handlers: Record<string, (ctx: ToolContext, args: Args) => Promise<unknown>> = {
  async search_operations(ctx, args) {
    const words = str(args, 'query').toLowerCase().split(/\s+/).filter(Boolean);
    const spec = specOperations();
    const hits = [];
    for (const [id, op] of ctx.catalog.operations) {
      if (args.kind && op.kind !== args.kind) continue;
      const summary = spec.get(id)?.summary ?? '';
      const text = `${id} ${op.tag} ${summary}`.toLowerCase();
      if (words.every((w) => text.includes(w)))
        hits.push({ operationId: id, kind: op.kind, tag: op.tag, summary, jobFamily: op.jobStart?.family });
    }
    return { count: hits.length, operations: hits.slice(0, 25) };
  },

  async describe_operation(ctx, args) {
    const id = str(args, 'operationId');
    const op = ctx.catalog.require(id);
    const spec = specOperations().get(id);
    return {
      operationId: id,
      kind: op.kind,
      tag: op.tag,
      method: op.method,
      path: op.path,
      privilege: op.privilege,
      jobFamily: op.jobStart?.family,
      summary: spec?.summary,
      description: spec?.description,
      howToCall:
        op.kind === 'paid'
          ? 'Paid: quote_operation first, then invoke_operation (or start_job for a job start) with the confirmation it returns.'
          : 'invoke_operation with this input.',
      inputSchema: spec?.inputSchema,
    };
  },

  async invoke_operation(ctx, args) {
    const id = str(args, 'operationId');
    const { data, replayed } = await runOperation(ctx, id, obj(args.input), optToken(args));
    const start = ctx.catalog.operations.get(id)?.jobStart;
    const jobId = start ? ctx.a2e.jobIdOf(start.family as never, data) : undefined;
    return { operationId: id, ...(replayed && { replayed }), ...(start && { jobFamily: start.family, jobId }), data };
  },

  async quote_operation(ctx, args) {
    const id = str(args, 'operationId');
    const input = obj(args.input);
    const op = ctx.catalog.require(id);
    if (op.kind !== 'paid')
      throw new ToolRefusedError(
        'not-paid',
        `${id} is a ${op.kind} operation; call it with invoke_operation, no quote needed.`,
      );
    validateInput(id, input);
    let credits: number | undefined;
    let why = '';
    try {
      credits = (await ctx.a2e.quote(id as never, input as never, { signal: ctx.signal })).credits;
      if (credits === undefined) why = "A2E's quote answered without an amount";
    } catch (error) {
      why = `A2E's quote failed (${(error as Error).message})`;
    }
    const prepared = await ctx.gate.issue(ctx.sessionId, id, input, credits);
    return {
      ...prepared,
      request: { operationId: id, method: op.method, path: op.path, input },
      ...(credits === undefined && {
        unpriced: `UNPRICED: ${why}. The confirmation allows exactly the request shown; its cost is not known in advance.`,
      }),
      next: `${op.jobStart ? 'start_job' : 'invoke_operation'} with operationId, the same input and this confirmation`,
    };
  },

  async start_job(ctx, args) {
    const id = str(args, 'operationId');
    const start = ctx.catalog.operations.get(id)?.jobStart;
    if (!start) throw new ToolRefusedError('not-a-job', `${id} does not start a job; use invoke_operation`);
    const f = family(ctx, start.family);
    const { data, replayed } = await runOperation(ctx, id, obj(args.input), optToken(args));
    const jobId = ctx.a2e.jobIdOf(start.family as never, data);
    if (!jobId) return { operationId: id, replayed, note: 'The start answered without a job id', data };
    await ctx.progress(0, `${f.family} job ${jobId}: started${replayed ? ' (earlier, by this confirmation)' : ''}`);
    return { ...(replayed && { replayed }), ...(await waitJob(ctx.a2e, f, jobId, waitSettings(ctx, args, f, jobId))) };
  },

  async wait_for_job(ctx, args) {
    const f = family(ctx, args.family);
    const jobId = str(args, 'jobId');
    return waitJob(ctx.a2e, f, jobId, waitSettings(ctx, args, f, jobId));
  },

  async get_job(ctx, args) {
    const f = family(ctx, args.family);
    const jobId = str(args, 'jobId');
    return viewOf(f, jobId, await readJob(ctx, f, jobId));
  },

  async list_jobs(ctx, args) {
    const f = family(ctx, args.family);
    const id = listOperationOf(ctx, f);
    return { operationId: id, data: (await runOperation(ctx, id, obj(args.input), undefined)).data };
  },

  async upload_file(ctx, args) {
    const root = ctx.config.fileRoot;
    if (!root || ctx.config.readOnly)
      throw new ToolRefusedError('not-exposed', 'Uploads are off (no A2E_MCP_FILE_ROOT, or read-only)');
    const real = await fileUnderRoot(root, str(args, 'path'));
    const info = await stat(real);
    const request = { path: relative(await realpath(root), real), bytes: info.size, mtimeMs: info.mtimeMs };
    const token = optToken(args);
    if (!token) {
      const prepared = await ctx.gate.issue(ctx.sessionId, 'upload_file', request, undefined);
      return {
        ...prepared,
        request,
        unpriced:
          'UNPRICED: uploading asks A2E for an upload URL (getUploadPresignedUrl), which A2E bills per call and its quote does not price. Nothing was sent yet.',
        next: 'upload_file with the same path and this confirmation',
      };
    }
    const { data, replayed } = await ctx.gate.run(ctx.sessionId, 'upload_file', request, token, () =>
      uploadFile(ctx.a2e, real, { signal: ctx.signal }),
    );
    return { ...(replayed && { replayed }), ...(data as object) };
  },
};

export { resumeHint };
