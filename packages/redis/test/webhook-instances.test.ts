// Webhooks across instances sharing one Redis: a delivery to instance A ends a wait in process B at
// once (B polls far too seldom to see it otherwise), and a delivery repeated to A and to C is handled once.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleA2EWebhook } from '@a2e-sdk/client';
import { describe, expect, it } from 'vitest';
import type { RedisJobStore } from '../src/index.js';
import { useSharedRedis } from './helpers/shared-redis.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = useSharedRedis('hooks:');
const storeOf = () => shared.storeOf();

const delivery = (id: string) =>
  new Request('http://instance/hooks/a2e?a2e_family=dubbing', {
    method: 'POST',
    headers: { 'x-a2e-webhook-token': 'hook-secret', 'content-type': 'application/json' },
    body: JSON.stringify({ _id: id, current_status: 'completed' }),
  });
const handle = (store: RedisJobStore, id: string) => handleA2EWebhook(delivery(id), { token: 'hook-secret', store });

describe('webhooks across instances', () => {
  it('a delivery to instance A resolves the waiter in process B', async () => {
    const id = shared.standIn.addJob('hooked');
    const child = fork(join(here, 'fixtures/webhook-waiter.ts'), [shared.redis.url, shared.standIn.url, id], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const messages: { event: string; status?: string }[] = [];
    const seen = (event: string, ms: number) =>
      new Promise<{ event: string; status?: string }>((ok, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`no ${event} in ${ms} ms (saw ${JSON.stringify(messages)})`)),
          ms,
        );
        const check = () => {
          const m = messages.find((x) => x.event === event);
          if (m) {
            clearTimeout(timer);
            ok(m);
          }
        };
        child.on('message', (m: { event: string }) => {
          messages.push(m);
          check();
        });
        check();
      });
    const exited = new Promise<number | null>((ok) => child.once('exit', ok));
    try {
      await seen('waiting', 20_000);
      await new Promise((r) => setTimeout(r, 300)); // B's first poll has read `processing`
      const readsBefore = shared.standIn.reads();
      shared.standIn.completeAll();
      const started = Date.now();
      const result = await handle(storeOf(), id);
      expect(result.ok).toBe(true);
      const done = await seen('done', 10_000);
      expect(done.status).toBe('completed');
      // well inside B's 120 s interval, and B read the job again rather than trusting the payload
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(shared.standIn.reads()).toBeGreaterThan(readsBefore);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('handles a delivery repeated to several instances once', async () => {
    const id = shared.standIn.addJob('twice');
    const [a, c] = [storeOf(), storeOf()];
    const results = await Promise.all([handle(a, id), handle(a, id), handle(c, id)]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.event.duplicate === false)).toHaveLength(1);
    expect(results.filter((r) => r.ok && r.event.duplicate === true)).toHaveLength(2);
  });
});
