// `pnpm --filter @a2e-sdk/client workflows`: the three flows beyond single calls, run end to end on
// loopback — Prism for A2E, plus small stand-ins for the parts Prism cannot play (a storage host that
// checks signed uploads, a webhook delivery, a quote that names a price).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrism } from '@a2e-sdk/tools/prism';
import { startScriptedServer } from '@a2e-sdk/tools/scripted-server';
import { BudgetExceededError, createA2EClient, handleA2EWebhook, QuoteUnavailableError } from '../src/index.js';
import { nodeHandler, uploadFile } from '../src/node.js';
import { startStorage } from '../test/helpers/storage.js';

const prism = await startPrism();
const storage = await startStorage();
const quotes = await startScriptedServer([{ body: { code: 0, data: { credits: 500 } } }]);
try {
  const a2e = createA2EClient({ baseUrl: prism.url, apiKey: 'sk_example' });

  // 1. Upload a local file, then start a dubbing job from it.
  const dir = mkdtempSync(join(tmpdir(), 'a2e-example-'));
  writeFileSync(join(dir, 'interview.wav'), new Uint8Array(256 * 1024));
  const uploaded = await uploadFile(
    createA2EClient({ baseUrl: storage.a2eUrl, apiKey: 'sk_example' }),
    join(dir, 'interview.wav'),
  );
  const job = await a2e.dubbing.startDubbing({ source_url: uploaded.url, source_lang: 'auto', target_lang: 'en' });
  console.log(`1. uploaded ${uploaded.key} → ${uploaded.url}; dubbing job ${job._id} started from it`);

  // 2. Receive the webhook and re-read the record (A2E sends each event once; the record is the truth).
  const token = 'whsec_example';
  const receiver = createServer(
    nodeHandler(async (request) => {
      const result = await handleA2EWebhook(request, { token, client: a2e });
      if (result.ok) {
        const record = (await result.event.fetchRecord()) as { current_status?: string };
        console.log(
          `2. webhook ${result.event.type ?? '?'} for ${result.event.family} ${result.event.id}; record says ${record?.current_status}`,
        );
      }
      return result.response;
    }),
  );
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/a2e`;
  await a2e.dubbing.startDubbing({ source_url: uploaded.url, webhook: { url: hook, token } });
  // What A2E does when the job ends (simulated here: there is no A2E on loopback).
  await fetch(`${hook}?a2e_family=dubbing`, {
    method: 'POST',
    headers: { 'x-a2e-webhook-token': token },
    body: JSON.stringify({ event: 'task.completed', _id: job._id }),
  });
  receiver.close();

  // 3. Refuse a job over budget: nothing reaches the job endpoint.
  const priced = createA2EClient({ baseUrl: quotes.url, apiKey: 'sk_example', maxCredits: 100 });
  await priced.imageToVideo
    .startImageToVideo({ name: 'n', image_url: uploaded.url, prompt: 'p' })
    .catch((e: unknown) => {
      if (e instanceof BudgetExceededError)
        console.log(`3. refused: ${e.message} (requests sent: ${quotes.requests.map((r) => r.url).join(', ')})`);
      else throw e;
    });
  await a2e.imageToVideo
    .startImageToVideo({ name: 'n', image_url: uploaded.url, prompt: 'p' }, { maxCredits: 100 })
    .catch((e: unknown) => {
      if (e instanceof QuoteUnavailableError)
        console.log('   and against the mock, whose quote names no amount, the guard fails closed: nothing started');
      else throw e;
    });
} finally {
  await Promise.all([prism.stop(), storage.close(), quotes.close()]);
}
