// The commands as child processes against Prism (the spec's own mock): a read, a start, and the exit
// code of a request Prism refuses as breaking the spec.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { EXIT } from '../src/exit-codes.ts';
import { errorOf, runCli } from './helpers.ts';

let prism: Prism;
beforeAll(async () => {
  prism = await startPrism();
}, 120_000);
afterAll(() => prism?.stop());

it('reads and starts a job against Prism', async () => {
  const env = { A2E_BASE_URL: prism.url };
  const coins = await runCli(['misc', 'get-remaining-coins'], { env });
  expect(coins.code, coins.stderr).toBe(0);
  expect(JSON.parse(coins.stdout)).toHaveProperty('coins');
  const started = await runCli(
    ['dubbing', 'start', '--source-url', 'https://example.com/a.wav', '--target-lang', 'de'],
    { env },
  );
  expect(started.code, started.stderr).toBe(0);
  expect(JSON.parse(started.stdout)).toHaveProperty('_id');
});

it('exits with the bad-request code when Prism refuses the body', async () => {
  const ran = await runCli(['dubbing', 'start', '--body', '{"num_speakers":"two"}'], {
    env: { A2E_BASE_URL: prism.url },
  });
  expect(ran.code, ran.stderr).toBe(EXIT.badRequest);
  expect(errorOf(ran).status).toBeGreaterThanOrEqual(400);
});
