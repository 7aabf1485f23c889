// `pnpm demo`: an end-to-end flow through the client — credits, start a dubbing job, wait for it with
// printed progress, read it, list records. Against a Prism mock of our spec (started and stopped
// here), or with `--live` against https://video.a2e.ai using A2E_API_KEY (the paid job start runs only
// with A2E_LIVE_WRITE=1), or with `--sandbox` against `a2e sandbox` (packages/cli), where the job really
// progresses and ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { createA2EClient } from '../src/index.js';

const live = process.argv.includes('--live');
const sandboxed = process.argv.includes('--sandbox');
const write = !live || process.env.A2E_LIVE_WRITE === '1';
if (live && !process.env.A2E_API_KEY) {
  console.error('--live needs A2E_API_KEY (an sk_… token from https://video.a2e.ai, Account → API Token).');
  process.exit(1);
}

/** Prism serves the first example by default; ask for the in-progress one on the first polls so the wait shows progress. */
function mockProgress(): typeof fetch {
  let polls = 0;
  return (url, init) => {
    const headers = { ...(init?.headers as Record<string, string>) };
    if (
      String(url).includes('/userDubbing/') &&
      init?.method === 'GET' &&
      !String(url).includes('allRecords') &&
      polls++ < 2
    )
      headers.prefer = 'example=processing';
    return fetch(url, { ...init, headers });
  };
}

/** Starts `a2e sandbox` from packages/cli (built first if needed) as a child process; resolves to its URL. */
async function startSandboxProcess(): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));
  if (!existsSync(bin)) spawnSync('pnpm', ['--filter', '@a2e-sdk/cli', 'build'], { stdio: 'inherit' });
  const child = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--job-duration-ms', '1500'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk) =>
      resolve((JSON.parse(String(chunk).split('\n')[0]!) as { sandbox: string }).sandbox),
    );
    child.once('exit', (code) => reject(new Error(`a2e sandbox exited with ${code}`)));
  });
  return { url, child };
}

let prism: Prism | undefined;
let sandbox: { url: string; child: ChildProcess } | undefined;
try {
  if (sandboxed) {
    sandbox = await startSandboxProcess();
    console.log(`a2e sandbox at ${sandbox.url}\n`);
  } else if (!live) {
    prism = await startPrism();
    console.log(`Prism mock of spec/openapi.yaml at ${prism.url}\n`);
  }
  const a2e = createA2EClient(
    live
      ? {}
      : sandbox
        ? { baseUrl: sandbox.url, apiKey: 'sk_demo_not_a_real_key' }
        : { baseUrl: prism!.url, apiKey: 'sk_demo_not_a_real_key', fetch: mockProgress() },
  );

  const coins = await a2e.misc.getRemainingCoins();
  console.log(`1. credits: ${coins.coins ?? '?'} coins, ${coins.diamonds ?? '?'} diamonds`);

  let id: string | undefined;
  if (write) {
    const job = await a2e.dubbing.startDubbing({
      name: 'sdk demo',
      source_url:
        'https://dh24as48lv9ce.cloudfront.net/adam2eve/stable/user_voice_clone/b89f5b2e-2c7a-4de5-89b4-17ffee2799b6/audio.WAV',
      source_lang: 'auto',
      target_lang: 'en',
      num_speakers: 1,
      drop_background_audio: false,
    });
    id = a2e.jobIdOf('dubbing', job);
    console.log(`2. started dubbing job ${id}`);
    const done = await a2e.waitFor.dubbing(id!, {
      intervalMs: live ? 10_000 : 200,
      onProgress: (status) => console.log(`   … ${status}`),
    });
    console.log(`3. finished: ${done.current_status} → ${done.result_url}`);
  } else {
    console.log('2-3. skipped starting a paid job (set A2E_LIVE_WRITE=1 to run it)');
  }

  const rows = [];
  for await (const row of a2e.paginate('listDubbings', { pageSize: 5 })) {
    rows.push(row);
    if (rows.length === 5) break;
  }
  console.log(`4. latest dubbing records: ${rows.map((r) => `${r._id} (${r.current_status})`).join(', ') || 'none'}`);
  id ??= rows[0]?._id;
  if (id) {
    const details = await a2e.dubbing.getDubbing({ _id: id });
    console.log(`5. details of ${id}: ${details.source_lang} → ${details.target_lang}, ${details.duration ?? '?'} s`);
  }
  console.log('\ndone');
} finally {
  await prism?.stop();
  sandbox?.child.kill('SIGTERM');
}
