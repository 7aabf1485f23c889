// A stand-in for A2E's dubbing family on a loopback port, made deterministic for the chaos test: it can
// hold the answer of a chosen start until the test lets it go, keeps every job `processing` until the
// test completes it, and counts the starts it received per job name (a paid call sent twice shows here).
import { createServer, type ServerResponse } from 'node:http';

interface Job {
  _id: string;
  name: string;
  source_url: string;
  current_status: string;
  createdAt: string;
}

export interface JobStandIn {
  url: string;
  /** Starts received, by the job name in their body. */
  startsByName: Map<string, number>;
  jobs: Map<string, Job>;
  /** The next start for `name` is received (and its job created) but not answered until `release()`. */
  holdStart(name: string): Promise<void>;
  release(): void;
  /** A job made without a start call (as if started elsewhere), still `processing`. */
  addJob(name: string): string;
  /** Detail and list reads received (the waiters' polls). */
  reads: () => number;
  /** Every job becomes `completed`. */
  completeAll(): void;
  close(): Promise<void>;
}

export async function startJobStandIn(): Promise<JobStandIn> {
  const startsByName = new Map<string, number>();
  const jobs = new Map<string, Job>();
  let holdName: string | undefined;
  let onHeld: (() => void) | undefined;
  const held: ServerResponse[] = [];
  let n = 0;
  let reads = 0;
  const send = (res: ServerResponse, data: unknown) => {
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 0, data }));
  };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => {
      raw += d.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'POST' && url.pathname === '/api/v1/userDubbing/startDubbing') {
        const body = JSON.parse(raw || '{}') as { name: string; source_url: string };
        startsByName.set(body.name, (startsByName.get(body.name) ?? 0) + 1);
        const job: Job = {
          _id: `job-${++n}-${body.name}`,
          name: body.name,
          source_url: body.source_url,
          current_status: 'processing',
          createdAt: new Date().toISOString(),
        };
        jobs.set(job._id, job);
        if (holdName === body.name) {
          holdName = undefined;
          held.push(res);
          onHeld?.();
          return;
        }
        return send(res, job);
      }
      if (req.method === 'GET') reads++;
      if (req.method === 'GET' && url.pathname === '/api/v1/userDubbing/allRecords') {
        const rows = [...jobs.values()].reverse();
        return send(res, { rows, count: rows.length });
      }
      const detail = /^\/api\/v1\/userDubbing\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && detail) {
        const job = jobs.get(decodeURIComponent(detail[1]!));
        if (!job) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end(JSON.stringify({ code: 1, msg: 'not found' }));
        }
        return send(res, job);
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    startsByName,
    jobs,
    holdStart: (name) =>
      new Promise<void>((ok) => {
        holdName = name;
        onHeld = ok;
      }),
    release: () => {
      for (const res of held.splice(0)) res.destroy();
    },
    addJob: (name) => {
      const job: Job = {
        _id: `job-${++n}-${name}`,
        name,
        source_url: `https://example.com/${name}.mp4`,
        current_status: 'processing',
        createdAt: new Date().toISOString(),
      };
      jobs.set(job._id, job);
      return job._id;
    },
    reads: () => reads,
    completeAll: () => {
      for (const job of jobs.values()) job.current_status = 'completed';
    },
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
