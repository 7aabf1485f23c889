// The sandbox's request handler: control routes under /__sandbox, an in-memory storage host for the
// presigned-upload flow, then every operation of the spec — checked, answered from its example, with the
// job operations (start, detail, list) backed by the job store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { operations } from '@a2e-sdk/client/operations';
import { loadSpec, type Operation } from '../spec.js';
import { cloneJson, errorExample, successExample } from './examples.js';
import { currentRecord, familyOf, jobFamilies, type Outcome, type SandboxJob } from './jobs.js';
import { objectId, seededRandom } from './random.js';
import { compileRoutes, matchRoute } from './routes.js';
import { createValidator } from './validate.js';
import type { SandboxOptions, WebhookDelivery } from './index.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  operationId?: string;
  status?: number;
  at: string;
}

export interface SandboxState {
  jobs: Map<string, SandboxJob>;
  log: LoggedRequest[];
  deliveries: WebhookDelivery[];
  baseUrl: string;
  storage: Map<string, { type: string; bytes: Buffer }>;
  options: SandboxOptions;
  /** Injected failures: the next `times` calls of an operation (or `*`) answer `status`. */
  faults: Map<string, { status: number; times: number }>;
}

type Table = Record<
  string,
  { tag: string; jobStart?: { family: string; idField: string }; jobStatus?: string; paging?: Record<string, string> }
>;
const table = operations as unknown as Table;
const OUTCOME_HEADER = 'x-a2e-sandbox-outcome';

/** List operations that show a family's jobs: the paged lists in the tag of its status operation. */
function listsByOperation(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, family] of Object.entries(jobFamilies)) {
    const tag = table[family.statusOperation]?.tag;
    for (const [id, e] of Object.entries(table)) if (e.paging && e.tag === tag && !out.has(id)) out.set(id, name);
  }
  return out;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const masked = (headers: IncomingMessage['headers']) =>
  Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      k === 'authorization'
        ? String(v).replace(/^(\S+\s+).*$/, '$1***')
        : Array.isArray(v)
          ? v.join(', ')
          : String(v ?? ''),
    ]),
  );

const setPath = (target: Record<string, any>, dotted: string, value: unknown) => {
  const keys = dotted.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) cur = cur[k] = cur[k] && typeof cur[k] === 'object' ? cur[k] : {};
  cur[keys.at(-1)!] = value;
};

export function createHandler(state: SandboxState) {
  const doc = loadSpec();
  const routes = compileRoutes(doc);
  const validate = createValidator(doc);
  const random = seededRandom(state.options.seed ?? 1);
  const lists = listsByOperation();
  const jobDurationMs = state.options.jobDurationMs ?? 3000;
  const clock = { jobDurationMs, now: () => Date.now() };
  const resultUrl = (job: SandboxJob) => `${state.baseUrl}/__sandbox/storage/results/${job.id}`;
  const recordOf = (job: SandboxJob) => currentRecord(job, clock, resultUrl(job));

  async function deliver(job: SandboxJob) {
    if (!job.webhook) return;
    const record = recordOf(job);
    const status = String(record[familyOf(job.family).statusField]);
    const payload = state.options.webhookPayload
      ? state.options.webhookPayload({ family: job.family, id: job.id, status, record })
      : { sandbox: true, family: job.family, _id: job.id, status, data: record };
    const delivery: WebhookDelivery = { url: job.webhook.url, token: job.webhook.token, payload };
    try {
      const response = await fetch(job.webhook.url, {
        method: 'POST',
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
        headers: {
          'content-type': 'application/json',
          ...(job.webhook.token && { 'x-a2e-webhook-token': job.webhook.token }),
        },
      });
      delivery.status = response.status;
      await response.body?.cancel();
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    state.deliveries.push(delivery);
    state.options.onWebhook?.(delivery);
  }

  async function endJob(id: string, outcome: Outcome) {
    const job = state.jobs.get(id);
    if (!job) return undefined;
    if (!job.ended) {
      clearTimeout(job.timer);
      job.ended = outcome;
      await deliver(job);
    }
    return recordOf(job);
  }

  function startJob(op: Operation, body: Record<string, unknown>, outcomeHeader: string | undefined, example: any) {
    const start = table[op.operationId]!.jobStart!;
    const family = start.family as keyof typeof jobFamilies;
    const id = objectId(random);
    const draw = random();
    const outcome: Outcome =
      outcomeHeader === 'fail' || outcomeHeader === 'complete'
        ? outcomeHeader
        : draw < (state.options.failRate ?? 0)
          ? 'fail'
          : 'complete';
    const data = example?.data;
    const base = (Array.isArray(data) ? data[0] : data) ?? {};
    const record: Record<string, unknown> = { ...base };
    // Echo what the caller sent where the record has such a field (name, source_url, prompt, ...).
    for (const [k, v] of Object.entries(body)) if (k in record) record[k] = v;
    record[start.idField] = id;
    const job: SandboxJob = { family, id, startedAt: Date.now(), outcome, record };
    if (typeof body.webhook_url === 'string')
      job.webhook = { url: body.webhook_url, token: body.webhook_token as string | undefined };
    if (jobDurationMs > 0) {
      job.timer = setTimeout(() => void endJob(id, outcome), jobDurationMs);
      job.timer.unref();
    }
    state.jobs.set(id, job);
    // The start answers the fields its own example has: a start whose answer carries no status gets none.
    const now = Object.fromEntries(Object.entries(recordOf(job)).filter(([k]) => k in base || k === start.idField));
    example.data = Array.isArray(data) ? [now] : now;
    return example;
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method === 'GET' && url.pathname === '/__sandbox/requests') return send(res, 200, state.log);
    if (req.method === 'GET' && url.pathname === '/__sandbox/jobs') {
      return send(
        res,
        200,
        [...state.jobs.values()].map((j) => ({ family: j.family, id: j.id, outcome: j.outcome, record: recordOf(j) })),
      );
    }
    if (req.method === 'GET' && url.pathname === '/__sandbox/webhooks') return send(res, 200, state.deliveries);
    if (req.method === 'POST' && url.pathname === '/__sandbox/faults') {
      const f = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
        operationId?: string;
        status?: number;
        times?: number;
      };
      if (!f.operationId || !Number.isInteger(f.status))
        return send(res, 400, { error: 'give {operationId, status, times}' });
      state.faults.set(f.operationId, { status: f.status!, times: f.times ?? 1 });
      return send(res, 200, { ok: true });
    }
    const end = /^\/__sandbox\/jobs\/([^/]+)\/(complete|fail)$/.exec(url.pathname);
    if (req.method === 'POST' && end) {
      const record = await endJob(decodeURIComponent(end[1]!), end[2] as Outcome);
      return record ? send(res, 200, record) : send(res, 404, { error: `no sandbox job ${end[1]}` });
    }
    const storage = /^\/__sandbox\/storage\/(.+)$/.exec(url.pathname);
    if (storage && req.method === 'GET') {
      const stored = state.storage.get(decodeURIComponent(storage[1]!));
      if (!stored && !storage[1]!.startsWith('results/')) return send(res, 404, { error: 'not stored' });
      res.writeHead(200, { 'content-type': stored?.type ?? 'application/octet-stream' });
      res.end(stored?.bytes ?? Buffer.from('sandbox result\n'));
      return;
    }
    send(res, 404, { error: `unknown sandbox route ${req.method} ${url.pathname}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const raw = await readBody(req);
    const text = raw.toString('utf8');
    const isJson = /json/.test(req.headers['content-type'] ?? '') || (!!text && /^[[{]/.test(text.trim()));
    let body: unknown;
    let parseError: string | undefined;
    if (text && isJson) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        parseError = (error as Error).message;
      }
    }
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: masked(req.headers),
      ...(body !== undefined
        ? { body }
        : text && !url.pathname.startsWith('/__sandbox/storage/')
          ? { body: text }
          : {}),
      at: new Date().toISOString(),
    };
    if (url.pathname.startsWith('/__sandbox/')) {
      if (url.pathname !== '/__sandbox/requests') state.log.push(entry);
      res.on('finish', () => (entry.status = res.statusCode));
      // The stored bytes are written again, not read from `req` (already consumed).
      if (req.method === 'PUT') return controlPut(req, res, url, raw);
      return control(req, res, url);
    }
    state.log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    if (state.options.latencyMs) await new Promise((r) => setTimeout(r, state.options.latencyMs));

    const matched = matchRoute(routes, entry.method, url.pathname);
    if (!matched)
      return send(res, 404, { code: 404, msg: `no operation at ${entry.method} ${url.pathname} in the spec` });
    if (matched === 'method')
      return send(res, 405, { code: 405, msg: `${entry.method} is not an operation of ${url.pathname}` });
    const { op, pathParams } = matched;
    entry.operationId = op.operationId;
    // `security: []` or an empty alternative (`[{}, {bearerAuth: []}]`) means the token is optional.
    const needsAuth = !(
      Array.isArray(op.security) &&
      (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0))
    );
    if (needsAuth && !/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      return send(res, 401, errorExample(doc, 'Unauthorized', { code: 401, msg: 'Unauthorized' }));
    }
    if (parseError)
      return send(res, 400, {
        ...errorExample(doc, 'BadRequest', {}),
        code: 400,
        msg: `body is not JSON: ${parseError}`,
      });
    const problems = validate(op, pathParams, url.searchParams, body, text.length > 0);
    if (problems.length)
      return send(res, 400, {
        ...errorExample(doc, 'BadRequest', {}),
        code: 400,
        msg: 'request does not match the spec',
        problems,
      });

    const fault = state.faults.get(op.operationId) ?? state.faults.get('*');
    if (fault && fault.times > 0) {
      fault.times--;
      const name = fault.status === 429 ? 'RateLimited' : fault.status >= 500 ? 'ServerError' : 'BadRequest';
      if (fault.status === 429) res.setHeader('retry-after', '0');
      return send(res, fault.status, {
        ...errorExample(doc, name, {}),
        code: fault.status,
        msg: 'fault injected by the sandbox',
      });
    }
    const { status, body: answer } = successExample(doc, op);
    const fields = {
      ...Object.fromEntries(url.searchParams),
      ...pathParams,
      ...(body && typeof body === 'object' ? body : {}),
    } as Record<string, unknown>;
    const e = table[op.operationId]!;
    const a = answer as Record<string, any>;

    if (op.operationId === 'getUploadPresignedUrl' || op.operationId === 'getUploadPresignedUrlLegacy') {
      const key = String(fields.key ?? objectId(random));
      const where = `${state.baseUrl}/__sandbox/storage/${encodeURIComponent(key)}`;
      if (a?.data && typeof a.data === 'object')
        Object.assign(a.data, { uploadUrl: where, cdnUrl: where, key, bucket: 'sandbox' });
      return send(res, status, a);
    }
    if (op.operationId === 'getGenerationQuote') {
      // The quote's answer is not documented: the sandbox answers its own shape, with a fixed price.
      return send(res, 200, { code: 0, data: { credits: state.options.quoteCredits ?? 10, sandbox: true } });
    }
    if (e.jobStart)
      return send(res, status, startJob(op, fields, String(req.headers[OUTCOME_HEADER] ?? '') || undefined, a));
    if (e.jobStatus) {
      const family = jobFamilies[e.jobStatus as keyof typeof jobFamilies];
      if (family.idIn !== 'list') {
        const job = state.jobs.get(String(fields[family.idParam] ?? ''));
        if (!job || job.family !== e.jobStatus) {
          return send(res, 404, {
            code: 404,
            msg: `no ${e.jobStatus} job ${String(fields[family.idParam])} in the sandbox`,
          });
        }
        a.data = Array.isArray(a.data) ? [recordOf(job)] : recordOf(job);
        return send(res, status, a);
      }
    }
    const listed =
      lists.get(op.operationId) ??
      (e.jobStatus && jobFamilies[e.jobStatus as keyof typeof jobFamilies]?.idIn === 'list' ? e.jobStatus : undefined);
    if (listed) {
      const rows = [...state.jobs.values()]
        .filter((j) => j.family === listed)
        .reverse()
        .map(recordOf);
      const paging = e.paging ?? { items: 'data.rows', total: 'data.count' };
      if (paging.items === 'data') a.data = rows;
      else {
        setPath(a, paging.items!, rows);
        if (paging.total) setPath(a, paging.total, rows.length);
      }
    }
    return send(res, status, cloneJson(a));
  }

  async function controlPut(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer) {
    const storage = /^\/__sandbox\/storage\/(.+)$/.exec(url.pathname);
    if (!storage) return send(res, 404, { error: `unknown sandbox route PUT ${url.pathname}` });
    state.storage.set(decodeURIComponent(storage[1]!), {
      type: req.headers['content-type'] ?? 'application/octet-stream',
      bytes: raw,
    });
    res.writeHead(200).end();
  }

  return { handle, endJob };
}
