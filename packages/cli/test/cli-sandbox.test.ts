// The commands as child processes against the sandbox: help, reads, a start with --wait, uploads through
// the sandbox's storage, dry run, --max-credits, and the exit code of every error class.
import { createServer, type Server } from 'node:http';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox/index.ts';
import { EXIT } from '../src/exit-codes.ts';
import { CANARY, errorOf, jsonLines, runCli } from './helpers.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'a2e-cli-'));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, jobDurationMs: 1200, seed: 7 });
  env = { A2E_BASE_URL: sandbox.url };
});
afterAll(() => sandbox.close());

describe('help', () => {
  it('lists the groups, the grammar and the exit-code table', async () => {
    const ran = await runCli(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^\s+dubbing\s/m);
    expect(ran.stdout).toMatch(/^\s+image-to-video\s/m);
    expect(ran.stdout).toContain('a2e <group> <operation>');
    for (const [name, code] of Object.entries(EXIT)) expect(ran.stdout).toMatch(new RegExp(`\\b${code}\\s+${name}\\b`));
  });

  it("shows an operation's flags with type, required mark, choices and the media upload note", async () => {
    const ran = await runCli(['image-to-video', 'start', '--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('a2e image-to-video start-image-to-video|start');
    expect(ran.stdout).toMatch(/--image-url <url\|file>\s+\(string; required; a URL or a local file,/);
    expect(ran.stdout).toContain('--wait');
    expect(ran.stdout).toMatch(/one of: /);
  });
});

describe('calls', () => {
  it('reads, printing the data as one JSON line when stdout is not a terminal', async () => {
    const ran = await runCli(['misc', 'get-remaining-coins'], { env });
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(ran.stdout)).toHaveProperty('coins');
    const logged = sandbox.requests().at(-1)!;
    expect(logged.operationId).toBe('getRemainingCoins');
    expect(logged.headers.authorization).toBe('Bearer ***');
  });

  it('starts a job with --wait: JSON lines of status changes on stderr, the final record on stdout', async () => {
    const ran = await runCli(
      [
        'dubbing',
        'start',
        '--source-url',
        'https://example.com/a.wav',
        '--target-lang',
        'de',
        '--wait',
        '--interval-ms',
        '200',
      ],
      { env },
    );
    expect(ran.code).toBe(0);
    const record = JSON.parse(ran.stdout);
    expect(record).toMatchObject({ current_status: 'completed', target_lang: 'de' });
    const statuses = jsonLines(ran.stderr)
      .filter((e) => e.event === 'status')
      .map((e) => e.status);
    expect(statuses.at(-1)).toBe('completed');
    expect(statuses[0]).toBe('initialized');
    expect(new Set(statuses).size).toBe(statuses.length); // changes only
    const list = await runCli(['dubbing', 'list'], { env });
    expect(JSON.parse(list.stdout).rows.map((r: { _id: string }) => r._id)).toContain(record._id);
  });

  it('uploads a local file given for a media field (arrays too) and sends its URL', async () => {
    const a = join(dir, 'a.png');
    const b = join(dir, 'b.png');
    writeFileSync(a, 'first image bytes');
    writeFileSync(b, 'second image bytes');
    const ran = await runCli(['image-edit', 'start', '--image-urls', a, '--image-urls', b, '--edit-type', 'clothing'], {
      env,
    });
    expect(ran.code, ran.stderr).toBe(0);
    const uploaded = jsonLines(ran.stderr).filter((e) => e.event === 'uploaded');
    expect(uploaded.map((u) => u.file)).toEqual([a, b]);
    const start = sandbox
      .requests()
      .filter((r) => r.operationId === 'startImageEdit')
      .at(-1)!;
    const urls = (start.body as { image_urls: string[] }).image_urls;
    expect(urls).toEqual(uploaded.map((u) => u.url));
    const bytes = await Promise.all(urls.map((u) => fetch(u).then((r) => r.text())));
    expect(bytes).toEqual(['first image bytes', 'second image bytes']);
  });

  it('--dry-run prints the request with the key masked and sends nothing', async () => {
    const before = sandbox.requests().length;
    const body = join(dir, 'body.json');
    writeFileSync(body, JSON.stringify({ name: 'from file', target_lang: 'fr' }));
    const ran = await runCli(
      [
        'dubbing',
        'start',
        '--body',
        `@${body}`,
        '--target-lang',
        'de',
        '--source-url',
        join(dir, 'a.png'),
        '--dry-run',
      ],
      { env },
    );
    expect(ran.code).toBe(0);
    const out = JSON.parse(ran.stdout);
    expect(out.request).toMatchObject({
      method: 'POST',
      url: `${sandbox.url}/api/v1/userDubbing/startDubbing`,
      headers: { authorization: 'Bearer ***' },
      body: { name: 'from file', target_lang: 'de', source_url: `<uploaded: ${join(dir, 'a.png')}>` },
    });
    expect(sandbox.requests().length).toBe(before);
  });

  it('--body - reads the body from stdin', async () => {
    const ran = await runCli(['dubbing', 'start', '--body', '-', '--dry-run'], { env, input: '{"target_lang":"ja"}' });
    expect(JSON.parse(ran.stdout).request.body).toEqual({ target_lang: 'ja' });
  });

  it('--max-credits starts a job quoted within the limit', async () => {
    const ran = await runCli(['dubbing', 'start', '--target-lang', 'de', '--max-credits', '50'], { env });
    expect(ran.code).toBe(0);
    expect(
      sandbox
        .requests()
        .slice(-2)
        .map((r) => r.operationId),
    ).toEqual(['getGenerationQuote', 'startDubbing']);
  });
});

describe('exit codes', () => {
  const expectExit = (ran: { code: number | null; stderr: string }, code: number, name?: string) => {
    expect(ran.code, ran.stderr).toBe(code);
    const error = errorOf(ran as never);
    expect(error.exitCode).toBe(code);
    if (name) expect(error.name).toBe(name);
    return error;
  };
  let refusing: Server | undefined;
  afterEach(() => new Promise<void>((r) => (refusing ? refusing.close(() => r()) : r())));

  it('usage: unknown command, unknown flag, bad value, missing required field', async () => {
    expectExit(await runCli(['no-such-group'], { env }), EXIT.usage, 'UsageError');
    expectExit(await runCli(['dubbing', 'start', '--no-such-flag', 'x'], { env }), EXIT.usage, 'UsageError');
    expectExit(await runCli(['dubbing', 'start', '--num-speakers', 'two'], { env }), EXIT.usage, 'UsageError');
    const missing = expectExit(await runCli(['image-to-video', 'start', '--name', 'x'], { env }), EXIT.usage);
    expect(missing.message).toContain('--image-url');
  });

  it('auth: no key anywhere, and a key the server refuses', async () => {
    expectExit(
      await runCli(['dubbing', 'list'], { env: { ...env, A2E_API_KEY: undefined } }),
      EXIT.auth,
      'MissingKeyError',
    );
    sandbox.injectFault('listDubbings', 401);
    expectExit(await runCli(['dubbing', 'list'], { env }), EXIT.auth, 'AuthenticationError');
  });

  it('not found, rate limited, server error, bad request', async () => {
    expectExit(
      await runCli(['dubbing', 'get', '--id', 'feedfeedfeedfeedfeedfeed'], { env }),
      EXIT.notFound,
      'NotFoundError',
    );
    sandbox.injectFault('listDubbings', 429, 5);
    expectExit(await runCli(['dubbing', 'list'], { env }), EXIT.rateLimited, 'RateLimitError');
    sandbox.injectFault('listDubbings', 429, 0);
    sandbox.injectFault('getRemainingCoins', 503, 5);
    expectExit(await runCli(['misc', 'get-remaining-coins'], { env }), EXIT.server);
    sandbox.injectFault('getRemainingCoins', 503, 0);
    // The sandbox checks the body against the spec: num_speakers must be an integer.
    const bad = expectExit(
      await runCli(['dubbing', 'start', '--body', '{"num_speakers":"two"}'], { env }),
      EXIT.badRequest,
    );
    expect(bad.status).toBe(400);
  });

  it('connection: nothing listens at the base URL', async () => {
    const closed = await startSandbox({ port: 0 });
    await closed.close();
    expectExit(
      await runCli(['misc', 'get-remaining-coins'], { env: { A2E_BASE_URL: closed.url } }),
      EXIT.connection,
      'APIConnectionError',
    );
  });

  it('job failed and timeout while waiting', async () => {
    const failing = await startSandbox({ port: 0, failRate: 1, jobDurationMs: 300 });
    try {
      const failed = expectExit(
        await runCli(['dubbing', 'start', '--target-lang', 'de', '--wait', '--interval-ms', '100'], {
          env: { A2E_BASE_URL: failing.url },
        }),
        EXIT.jobFailed,
        'JobFailedError',
      );
      expect(failed).toMatchObject({ family: 'dubbing', status: 'failed' });
    } finally {
      await failing.close();
    }
    const stuck = await startSandbox({ port: 0, jobDurationMs: 0 });
    try {
      expectExit(
        await runCli(
          ['dubbing', 'start', '--target-lang', 'de', '--wait', '--interval-ms', '100', '--timeout-ms', '500'],
          { env: { A2E_BASE_URL: stuck.url } },
        ),
        EXIT.timeout,
        'JobTimedOutError',
      );
    } finally {
      await stuck.close();
    }
  });

  it('budget: the quote is over --max-credits, so nothing starts', async () => {
    const before = sandbox.requests().filter((r) => r.operationId === 'startDubbing').length;
    const error = expectExit(
      await runCli(['dubbing', 'start', '--target-lang', 'de', '--max-credits', '5'], { env }),
      EXIT.budget,
      'BudgetExceededError',
    );
    expect(error).toMatchObject({ credits: 10, maxCredits: 5 });
    expect(sandbox.requests().filter((r) => r.operationId === 'startDubbing').length).toBe(before);
  });

  it('upload: the storage host refuses the bytes', async () => {
    // A storage stand-in that refuses every PUT; the sandbox hands out its URL.
    refusing = createServer((req, res) =>
      req.resume().on('end', () => res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>')),
    );
    await new Promise<void>((r) => refusing!.listen(0, '127.0.0.1', () => r()));
    const port = (refusing.address() as { port: number }).port;
    const file = join(dir, 'clip.mp4');
    writeFileSync(file, 'bytes');
    const presign = await fetch(`${sandbox.url}/api/v1/r2/upload-presigned-url`, { method: 'POST' }); // warm the route
    await presign.body?.cancel();
    const relay = await startRelay(sandbox.url, `http://127.0.0.1:${port}`);
    try {
      expectExit(
        await runCli(['dubbing', 'start', '--source-url', file], { env: { A2E_BASE_URL: relay.url } }),
        EXIT.upload,
        'UploadError',
      );
    } finally {
      await relay.close();
    }
  });

  it('interrupted: Ctrl-C stops waiting, leaves the job running and says how to resume', async () => {
    const slow = await startSandbox({ port: 0, jobDurationMs: 0 });
    try {
      const ran = await runCli(['dubbing', 'start', '--target-lang', 'de', '--wait', '--interval-ms', '100'], {
        env: { A2E_BASE_URL: slow.url },
        onSpawn: (child) => {
          let sent = false;
          child.stderr!.on('data', (c: Buffer) => {
            if (!sent && String(c).includes('"event":"status"')) {
              sent = true;
              child.kill('SIGINT');
            }
          });
        },
      });
      expect(ran.code).toBe(EXIT.interrupted);
      const event = jsonLines(ran.stderr).find((e) => e.event === 'interrupted')!;
      expect(event.resume).toMatch(/^a2e wait dubbing [0-9a-f]{24}$/);
      const id = String(event.id);
      // The job was not cancelled: ending it now and resuming the wait gives its record.
      await slow.endJob(id, 'complete');
      const resumed = await runCli(String(event.resume).split(' ').slice(1), { env: { A2E_BASE_URL: slow.url } });
      expect(resumed.code).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ _id: id, current_status: 'completed' });
    } finally {
      await slow.close();
    }
  });
});

describe('auth login', () => {
  it('stores the key from stdin with mode 0600 and never prints it', async () => {
    const config = mkdtempSync(join(tmpdir(), 'a2e-login-'));
    const login = await runCli(['auth', 'login'], {
      env: { XDG_CONFIG_HOME: config, A2E_API_KEY: undefined },
      input: `${CANARY}\n`,
    });
    expect(login.code).toBe(0);
    const file = JSON.parse(login.stdout).stored as string;
    expect(file).toBe(join(config, 'a2e', 'credentials.json'));
    const { statSync } = await import('node:fs');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).apiKey).toBe(CANARY);
    const status = await runCli(['auth', 'status'], { env: { XDG_CONFIG_HOME: config, A2E_API_KEY: undefined } });
    expect(JSON.parse(status.stdout)).toEqual({ key: 'set', source: file });
    const used = await runCli(['misc', 'get-remaining-coins'], {
      env: { ...env, XDG_CONFIG_HOME: config, A2E_API_KEY: undefined },
    });
    expect(used.code).toBe(0);
    expect(sandbox.requests().at(-1)!.headers.authorization).toBe('Bearer ***');
  });
});

/** Forwards everything to the sandbox but rewrites the presigned upload URL to point at `storage`. */
async function startRelay(target: string, storage: string) {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host') as [string, string][]),
      ...(chunks.length && { body: Buffer.concat(chunks) }),
    });
    let text = await upstream.text();
    if (req.url?.includes('upload-presigned-url'))
      text = text.replaceAll(`${target}/__sandbox/storage`, `${storage}/refused`);
    res
      .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
      .end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
