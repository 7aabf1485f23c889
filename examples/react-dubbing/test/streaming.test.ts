// The streaming page in Debian's Chromium, behind the real proxy in front of a recording loopback stand-in
// of A2E's streaming endpoints. Agora's web SDK needs Agora's network, so a fake `window.AgoraRTC` (what
// Agora's CDN script would define) is injected before the page runs; everything else is real: the hook,
// the proxy, fetch and navigator.sendBeacon on page hide.
import { createA2EProxy } from '@a2e-sdk/client/proxy';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../../packages/client/test/helpers/streaming.ts';
import { serve, type Served } from '../server/serve.ts';
import { buildPage, launchChromium, ROOT, skipBrowser, warnIfSkipped } from './chromium.ts';

const CANARY = 'sk_canary_streaming_must_stay_on_the_server';

/** Runs in the page before its scripts: a minimal AgoraRTC whose client the test can drive through window.__agora. */
function installFakeAgora() {
  type Listener = (...args: unknown[]) => void;
  const w = window as unknown as Record<string, unknown>;
  w.AgoraRTC = {
    createClient(config: unknown) {
      const listeners: Record<string, Listener[]> = {};
      const emit = (event: string, ...args: unknown[]) => {
        for (const l of listeners[event] ?? []) l(...args);
      };
      const user = {
        uid: 5,
        videoTrack: {
          play(el: HTMLElement) {
            el.textContent = 'avatar video';
            el.dataset.playing = 'yes';
          },
        },
        audioTrack: { play() {} },
      };
      const client = {
        config,
        joined: undefined as unknown,
        role: undefined as unknown,
        leaves: 0,
        on(event: string, l: Listener) {
          (listeners[event] ??= []).push(l);
        },
        setClientRole(role: string) {
          client.role = role;
        },
        async join(...args: unknown[]) {
          client.joined = args;
          emit('connection-state-change', 'CONNECTED', 'CONNECTING');
          setTimeout(() => {
            emit('user-published', user, 'video');
            emit('user-published', user, 'audio');
          }, 10);
        },
        async subscribe() {},
        async leave() {
          client.leaves++;
        },
      };
      w.__agora = {
        client,
        say: (uid: number, message: string, pos?: string) =>
          emit('stream-message', uid, new TextEncoder().encode(JSON.stringify({ type: 'QA', message, pos }))),
      };
      return client;
    },
  };
}

warnIfSkipped('react-streaming');

describe.skipIf(skipBrowser)('streaming avatar page in Chromium', () => {
  let a2e: StandIn;
  let server: Served;
  let browser: Browser;
  /** What reached the proxy from the page (a request sent while the page unloads is not always seen by playwright). */
  const atProxy: { path: string; contentType: string | null; body: string }[] = [];

  beforeAll(async () => {
    // Its own output folder: the dubbing test builds dist/ at the same time.
    await buildPage('dist-streaming', 'streaming.html');
    a2e = await startStandIn();
    const proxy = createA2EProxy({ apiKey: CANARY, baseUrl: a2e.server.url });
    server = await serve({
      root: `${ROOT}dist-streaming`,
      proxy: async (request) => {
        atProxy.push({
          path: new URL(request.url).pathname,
          contentType: request.headers.get('content-type'),
          body: await request.clone().text(),
        });
        return proxy(request);
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await a2e?.server.close();
  });

  it('joins, asks through the proxy, shows assembled answers, leaves once by beacon on page hide, and never holds the key', async () => {
    const page = await browser.newPage();
    await page.addInitScript(installFakeAgora);
    const sent: Promise<{ url: string; headers: Record<string, string>; body: string | null }>[] = [];
    page.on('request', (r) =>
      sent.push(r.allHeaders().then((headers) => ({ url: r.url(), headers, body: r.postData() }))),
    );
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${server.url}/streaming.html`);
    await page.getByTestId('phase').filter({ hasText: 'connected' }).waitFor({ timeout: 30_000 });
    await page.locator('[data-playing=yes]').waitFor({ timeout: 10_000 });
    expect(
      await page.evaluate(
        () => (window as unknown as { __agora: { client: { joined: unknown; role: unknown } } }).__agora.client.joined,
      ),
    ).toEqual(['app-1', 'ch-1', 'agora-token-1', 1001]);
    expect(await page.getByTestId('connection').textContent()).toBe('CONNECTED');

    await page.fill('input[name=question]', 'What do you sell?');
    await page.click('button[type=submit]');
    await expect
      .poll(() => a2e.calls('ask').map((r) => JSON.parse(r.body) as unknown), { timeout: 10_000 })
      .toEqual([{ channel: 'ch-1', text: 'What do you sell?' }]);

    await page.evaluate(() => {
      const { say } = (window as unknown as { __agora: { say: (uid: number, m: string, pos?: string) => void } })
        .__agora;
      say(5, 'We sell ', 'start');
      say(6, 'Hello', 'start');
      say(5, 'bikes', 'middle');
      say(6, ' there.', 'end');
      say(5, '.', 'end');
    });
    await expect
      .poll(() => page.getByTestId('answers').locator('li').allTextContents())
      .toEqual(['We sell bikes.', 'Hello there.']);
    expect(a2e.leaves()).toEqual([]);

    // Going away fires pagehide: the hook leaves by sendBeacon, which the browser delivers after the page is gone.
    await page.goto('about:blank');
    await expect.poll(() => a2e.leaves(), { timeout: 10_000 }).toEqual(['ch-1']);
    await new Promise((ok) => setTimeout(ok, 1000)); // a second leave would have arrived by now
    expect(a2e.leaves()).toEqual(['ch-1']);

    // One leave reached the proxy, as a beacon sends it: text/plain, the session's secret in the body.
    const leaves = atProxy.filter((r) => r.path === '/api/v1/streaming-avatar/leave');
    expect(leaves).toHaveLength(1);
    expect(leaves[0]!.contentType).toMatch(/^text\/plain/);
    expect(JSON.parse(leaves[0]!.body)).toEqual({
      channel: 'ch-1',
      session_secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const requests = await Promise.all(sent);
    for (const r of [...requests, ...atProxy]) {
      if ('headers' in r) expect(r.headers.authorization, r.url).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(CANARY);
    }
    expect(a2e.server.requests.every((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(a2e.calls('agora-token')).toHaveLength(1); // StrictMode's double mount started one session, not two
    expect(pageErrors).toEqual([]);
  });
});
