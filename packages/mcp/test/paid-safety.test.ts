// The server as an agent meets it, over stdio and Streamable HTTP, against the CLI's stateful sandbox:
// the tool list, a read, the paid gate (refusal, one start per confirmation, replay, concurrent replay,
// wrong body, unpriced prepare), job waits with progress and resume, and the canary key.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@a2e-sdk/cli/sandbox';
import { CANARY, call, connect, type Connected, type Kind } from './helpers.ts';

const starts = (sandbox: Sandbox, operationId = 'startDubbing') =>
  sandbox.requests().filter((r) => r.operationId === operationId).length;

describe.each<Kind>(['stdio', 'http'])('a2e-mcp over %s', (kind) => {
  let sandbox: Sandbox;
  let mcp: Connected;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, jobDurationMs: 800, seed: 3, quoteCredits: 10 });
    mcp = await connect(kind, { A2E_BASE_URL: sandbox.url });
  });
  afterAll(async () => {
    // Nothing the client received, and nothing the server logged, holds the key.
    expect(mcp.received.length).toBeGreaterThan(1);
    for (const message of mcp.received) expect(message).not.toContain(CANARY);
    expect(mcp.stderr()).not.toContain(CANARY);
    await mcp.close();
    await sandbox.close();
  });

  it('lists the workflow tools, each with an input schema that compiles', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'search_operations',
      'describe_operation',
      'invoke_operation',
      'quote_operation',
      'start_job',
      'wait_for_job',
      'get_job',
      'list_jobs',
    ]);
    // The answer an agent reads, in bytes, stays small (README: "Tool shape"); its size is a budget.
    const answer = mcp.received.find((m) => m.includes('"tools":['))!;
    expect(Buffer.byteLength(answer)).toBeLessThan(8192);
    const ajv = new Ajv2020({ strict: false });
    for (const tool of tools) expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
    // describe_operation hands out the spec's schema; each of those compiles too.
    const described = await call(mcp, 'describe_operation', { operationId: 'startDubbing' });
    expect(described.json().kind).toBe('paid');
    expect(Object.keys(described.json().inputSchema.properties)).toContain('target_lang');
    expect(() => ajv.compile(described.json().inputSchema)).not.toThrow();
  });

  it('reads through invoke_operation, and the request carried the key', async () => {
    const read = await call(mcp, 'invoke_operation', { operationId: 'listDubbings', input: { pageNum: 1 } });
    expect(read.isError).toBe(false);
    expect(read.json().data).toBeDefined();
    const sent = sandbox.requests().find((r) => r.operationId === 'listDubbings')!;
    expect(sent.headers.authorization).toMatch(/^Bearer /);
  });

  it('refuses a paid start without a confirmation, and sends nothing', async () => {
    const before = sandbox.requests().length;
    const refused = await call(mcp, 'start_job', {
      operationId: 'startDubbing',
      input: { source_url: 'https://example.com/a.wav', target_lang: 'de' },
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('ToolRefusedError: startDubbing spends credits, so it needs a confirmation');
    expect(refused.text).toContain('quote_operation');
    const refusedInvoke = await call(mcp, 'invoke_operation', {
      operationId: 'startDubbing',
      input: { target_lang: 'de' },
    });
    expect(refusedInvoke.isError).toBe(true);
    expect(sandbox.requests().length).toBe(before);
  });

  it('starts once with a confirmation, waits with progress, and replays the first job for the same confirmation', async () => {
    const input = { source_url: 'https://example.com/b.wav', target_lang: 'fr' };
    const quoted = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input })).json();
    expect(quoted).toMatchObject({ operationId: 'startDubbing', priced: true, credits: 10 });
    expect(quoted.confirmation).toMatch(/^a2e_cf_/);
    expect(starts(sandbox)).toBe(0);

    const progress: { progress: number; message?: string }[] = [];
    const first = await call(
      mcp,
      'start_job',
      { operationId: 'startDubbing', input, confirmation: quoted.confirmation },
      (p) => progress.push(p),
    );
    expect(first.isError, first.text).toBe(false);
    const job = first.json();
    expect(job).toMatchObject({ family: 'dubbing', state: 'success' });
    expect(job.jobId).toEqual(expect.any(String));
    expect(Object.values(job.urls).length).toBeGreaterThan(0);
    expect(starts(sandbox)).toBe(1);
    // The start, then one notification per poll while the job was pending, each naming the job and its
    // status, with increasing progress; the terminal status comes in the result.
    expect(progress.length, JSON.stringify(progress)).toBeGreaterThanOrEqual(2);
    expect(progress[0]!.message).toBe(`dubbing job ${job.jobId}: started`);
    for (const p of progress.slice(1))
      expect(p.message).toMatch(new RegExp(`^dubbing job ${job.jobId}: (initialized|sent|pending|processing)$`));
    expect(progress.map((p) => p.progress)).toEqual(progress.map((_, i) => i));

    const again = (
      await call(mcp, 'start_job', { operationId: 'startDubbing', input, confirmation: quoted.confirmation })
    ).json();
    expect(again).toMatchObject({ replayed: true, jobId: job.jobId });
    expect(starts(sandbox)).toBe(1);
  });

  it('gives two concurrent uses of one confirmation the same single job', async () => {
    const input = { source_url: 'https://example.com/c.wav', target_lang: 'es' };
    const { confirmation } = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input })).json();
    const before = starts(sandbox);
    const [a, b] = await Promise.all([
      call(mcp, 'invoke_operation', { operationId: 'startDubbing', input, confirmation }),
      call(mcp, 'invoke_operation', { operationId: 'startDubbing', input, confirmation }),
    ]);
    expect(a.isError || b.isError, a.text + b.text).toBe(false);
    expect(a.json().jobId).toEqual(b.json().jobId);
    expect([a.json().replayed, b.json().replayed].filter(Boolean)).toHaveLength(1);
    expect(starts(sandbox)).toBe(before + 1);
  });

  it('refuses a confirmation used with another body or another operation', async () => {
    const input = { source_url: 'https://example.com/d.wav', target_lang: 'it' };
    const { confirmation } = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input })).json();
    const before = sandbox.requests().length;
    const wrongBody = await call(mcp, 'start_job', {
      operationId: 'startDubbing',
      input: { ...input, target_lang: 'ja' },
      confirmation,
    });
    expect(wrongBody.isError).toBe(true);
    expect(wrongBody.text).toContain('issued for startDubbing with a different input');
    const wrongOp = await call(mcp, 'start_job', { operationId: 'startImageToVideo', input, confirmation });
    expect(wrongOp.isError).toBe(true);
    const made = await call(mcp, 'start_job', { operationId: 'startDubbing', input, confirmation: 'a2e_cf_made_up' });
    expect(made.text).toContain('Unknown confirmation');
    expect(sandbox.requests().length).toBe(before);
  });

  it('prepares an operation the quote cannot price: the exact request, marked unpriced, then one start', async () => {
    sandbox.injectFault('getGenerationQuote', 400, 1);
    const input = { source_url: 'https://example.com/e.wav', target_lang: 'pt' };
    const prepared = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input })).json();
    expect(prepared).toMatchObject({
      priced: false,
      credits: null,
      request: { operationId: 'startDubbing', method: 'POST', input },
    });
    expect(prepared.unpriced).toMatch(/^UNPRICED: A2E's quote failed/);
    const before = starts(sandbox);
    const started = await call(mcp, 'invoke_operation', {
      operationId: 'startDubbing',
      input,
      confirmation: prepared.confirmation,
    });
    expect(started.json().jobId).toEqual(expect.any(String));
    expect(starts(sandbox)).toBe(before + 1);
  });

  it('hands back the job id when a wait times out, and resumes the wait by id', async () => {
    const input = { source_url: 'https://example.com/f.wav', target_lang: 'nl' };
    const { confirmation } = (await call(mcp, 'quote_operation', { operationId: 'startDubbing', input })).json();
    const timedOut = await call(mcp, 'start_job', { operationId: 'startDubbing', input, confirmation, timeoutMs: 1 });
    expect(timedOut.isError).toBe(true);
    const jobId = /Job (\S+) \(dubbing\) is still running/.exec(timedOut.text)?.[1];
    expect(jobId, timedOut.text).toBeDefined();
    expect(timedOut.text).toContain(`wait_for_job {"family":"dubbing","jobId":"${jobId}"}`);
    const resumed = await call(mcp, 'wait_for_job', { family: 'dubbing', jobId, timeoutMs: 30_000 });
    expect(resumed.json()).toMatchObject({ jobId, state: 'success' });
    expect((await call(mcp, 'get_job', { family: 'dubbing', jobId })).json()).toMatchObject({
      jobId,
      state: 'success',
    });
  });

  it('answers a bad input with the field at fault, before any quote', async () => {
    const before = sandbox.requests().length;
    const bad = await call(mcp, 'quote_operation', { operationId: 'startDubbing', input: { num_speakers: 'two' } });
    expect(bad.isError).toBe(true);
    expect(bad.text).toContain('/num_speakers must be integer');
    expect(sandbox.requests().length).toBe(before);
  });
});
