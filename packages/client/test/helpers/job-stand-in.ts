// A loopback stand-in for A2E's job reads, built from the generated table: for each family it answers
// the status (detail) call, the batch call and the list call from one set of jobs, each of which turns
// `completed` at a set time. The batch answer's shape is chosen per family (A2E does not document it),
// and 429s can be injected. Every request is counted by kind. Used by the tracker tests and the bench.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, jobs, paging } from '../../src/generated/api.gen.js';

type Shape = 'array' | 'rows' | 'list' | 'keyed' | 'unreadable';
interface Job {
  id: string;
  family: string;
  doneAt: number;
  createdAt: number;
  status?: string;
  fields?: Record<string, unknown>;
}

const entry = (op: string) =>
  Object.values(api)
    .map((ops) => (ops as Record<string, { method: string; path: string }>)[op])
    .find(Boolean);
const pattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/?]+)')}$`);

export interface JobStandIn {
  url: string;
  /** Adds a job that reads `processing` until `doneAt` (ms since the epoch), `completed` after. */
  add(family: string, id: string, doneAt: number, fields?: Record<string, unknown>): void;
  /** Sets a job's status as read from now on (e.g. an unknown value). */
  setStatus(family: string, id: string, status: string | undefined): void;
  /** A start call creates a job that completes this long after (ms). Default 200. */
  startDoneAfterMs: number;
  /** Starts received, in order (family and body). */
  starts: { family: string; body: string }[];
  /** Batch answer shape per family. Default `array`. */
  shape: Record<string, Shape>;
  /** The next `n` requests are answered 429 with `Retry-After` seconds. */
  throttle(n: number, retryAfterSeconds?: number): void;
  counts: { batch: number; list: number; detail: number; throttled: number; other: number; idsPerBatch: number[] };
  /** Requests in arrival order: `kind family` and the time. */
  log: { kind: string; family: string; at: number }[];
  reset(): void;
  close(): Promise<void>;
}

export async function startJobStandIn(): Promise<JobStandIn> {
  const families = Object.entries(jobs).map(([name, f]) => {
    const table = f as { statusOperation: string; idIn: string; batchOperation?: string; listOperation?: string };
    // A family whose status call is its list (idIn: list) is listed by that call.
    const listOp = table.listOperation ?? (table.idIn === 'list' ? table.statusOperation : undefined);
    return {
      name,
      detail: table.idIn === 'path' ? pattern(entry(table.statusOperation)!.path) : undefined,
      batch: table.batchOperation ? entry(table.batchOperation)!.path : undefined,
      list: listOp ? entry(listOp)!.path : undefined,
      listItems: listOp ? (paging as Record<string, { items: string }>)[listOp]?.items : undefined,
      starts: (f as { startOperations: readonly string[] }).startOperations.map((op) => entry(op)!.path),
    };
  });
  const all = new Map<string, Job>();
  let throttleLeft = 0;
  let retryAfter = 1;
  const stand: Omit<JobStandIn, 'url' | 'close'> = {
    shape: {},
    startDoneAfterMs: 200,
    starts: [],
    counts: { batch: 0, list: 0, detail: 0, throttled: 0, other: 0, idsPerBatch: [] },
    log: [],
    add(family, id, doneAt, fields) {
      all.set(`${family}:${id}`, { id, family, doneAt, createdAt: Date.now(), ...(fields && { fields }) });
    },
    setStatus(family, id, status) {
      const j = all.get(`${family}:${id}`);
      if (j) j.status = status ?? '__none__';
    },
    throttle(n, seconds = 1) {
      throttleLeft = n;
      retryAfter = seconds;
    },
    reset() {
      all.clear();
      stand.starts.length = 0;
      stand.startDoneAfterMs = 200;
      Object.assign(stand.counts, { batch: 0, list: 0, detail: 0, throttled: 0, other: 0, idsPerBatch: [] });
      stand.log.length = 0;
      throttleLeft = 0;
    },
  };
  const record = (j: Job) => {
    const status = j.status ?? (Date.now() >= j.doneAt ? 'completed' : 'processing');
    const row: Record<string, unknown> = { _id: j.id, createdAt: new Date(j.createdAt).toISOString(), ...j.fields };
    if (status !== '__none__') row.current_status = status;
    if (status === 'completed') row.result_url = `https://cdn.example/${j.id}.mp4`;
    return row;
  };
  const send = (
    res: import('node:http').ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const path = url.pathname;
      // Control calls, for a stand-in run in its own process (the bench): add jobs, reset, read counts.
      if (path === '/__control/add') {
        for (const j of JSON.parse(text) as { family: string; id: string; doneAt: number }[])
          stand.add(j.family, j.id, j.doneAt);
        return send(res, 200, { ok: true });
      }
      if (path === '/__control/reset') {
        stand.reset();
        return send(res, 200, { ok: true });
      }
      if (path === '/__control/counts') return send(res, 200, stand.counts);
      for (const f of families) {
        if (req.method === 'POST' && f.starts.includes(path)) {
          const id = `job-${stand.starts.length + 1}-${Date.now().toString(36)}`;
          stand.starts.push({ family: f.name, body: text });
          stand.add(
            f.name,
            id,
            Date.now() + stand.startDoneAfterMs,
            JSON.parse(text || '{}') as Record<string, unknown>,
          );
          return send(res, 200, { code: 0, data: { _id: id, current_status: 'initialized' } });
        }
        let kind: 'batch' | 'list' | 'detail' | undefined;
        let id: string | undefined;
        if (f.batch === path && req.method === 'POST') kind = 'batch';
        else if (f.list === path) kind = 'list';
        else if (f.detail) {
          const m = f.detail.exec(path);
          if (m) {
            kind = 'detail';
            id = decodeURIComponent(m[1]!);
          }
        }
        if (!kind) continue;
        stand.log.push({ kind, family: f.name, at: Date.now() });
        if (throttleLeft > 0) {
          throttleLeft--;
          stand.counts.throttled++;
          return send(res, 429, { code: 429, msg: 'Too many requests' }, { 'retry-after': String(retryAfter) });
        }
        stand.counts[kind]++;
        if (kind === 'detail') {
          const j = all.get(`${f.name}:${id}`);
          return send(res, 200, { code: 0, data: j ? record(j) : null });
        }
        const mine = [...all.values()].filter((j) => j.family === f.name);
        if (kind === 'batch') {
          const ids = (JSON.parse(text || '{}') as { ids?: string[] }).ids ?? [];
          stand.counts.idsPerBatch.push(ids.length);
          // Answered in reverse order: a tracker that matched by position would mix jobs up.
          const rows = ids
            .map((i) => all.get(`${f.name}:${i}`))
            .filter((j): j is Job => !!j)
            .map(record)
            .reverse();
          const shape = stand.shape[f.name] ?? 'array';
          const data =
            shape === 'array'
              ? rows
              : shape === 'rows'
                ? { rows, count: rows.length }
                : shape === 'list'
                  ? { list: rows }
                  : shape === 'keyed'
                    ? Object.fromEntries(rows.map((r) => [r._id, r]))
                    : 'ok';
          return send(res, 200, { code: 0, data });
        }
        const page = Number(url.searchParams.get('pageNum') ?? url.searchParams.get('current') ?? 1);
        const size = Number(url.searchParams.get('pageSize') ?? 10);
        const rows = mine
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice((page - 1) * size, page * size)
          .map(record);
        // The paging annotation's items path (data.rows or data) says where the rows go.
        const data = f.listItems === 'data' ? rows : { rows, count: mine.length };
        return send(res, 200, { code: 0, data });
      }
      stand.counts.other++;
      send(res, 404, { code: 404, msg: 'not here' });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stand, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  }) as JobStandIn;
}
