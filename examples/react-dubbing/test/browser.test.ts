// The example in a real browser: Debian's Chromium (never a downloaded one) opens the built app, served
// with the proxy in front of Prism; the test clicks through a dubbing to its result and checks that the
// token only ever travelled from the server to Prism.
import { createA2EProxy } from '@a2e-sdk/client/proxy';
import { startPrism, type Prism } from '@a2e-sdk/tools/prism';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../server/serve.ts';
import { buildPage, launchChromium, ROOT, skipBrowser, warnIfSkipped } from './chromium.ts';

const SCREENSHOT = `${ROOT}artifacts/react-dubbing.png`;
const CANARY = 'sk_canary_5d1f0c9e_must_stay_on_the_server';
warnIfSkipped('react-dubbing');

interface Upstream {
  method: string;
  path: string;
  authorization: string | null;
}

describe.skipIf(skipBrowser)('react-dubbing in Chromium', () => {
  let prism: Prism;
  let server: Served;
  let browser: Browser;
  const upstream: Upstream[] = [];

  beforeAll(async () => {
    await buildPage();
    prism = await startPrism();
    let statusReads = 0;
    // Between the proxy and Prism: records what reaches "A2E", and has Prism answer the first two status
    // reads with its `processing` example so the page shows a job in progress before it completes.
    const toPrism: typeof fetch = (url, init) => {
      const u = new URL(String(url));
      const headers = new Headers(init?.headers);
      upstream.push({ method: init?.method ?? 'GET', path: u.pathname, authorization: headers.get('authorization') });
      if (init?.method === 'GET' && /^\/api\/v1\/userDubbing\/[0-9a-f]{24}$/.test(u.pathname) && statusReads++ < 2)
        headers.set('prefer', 'example=processing');
      return fetch(url, { ...init, headers });
    };
    server = await serve({
      root: `${ROOT}dist`,
      proxy: createA2EProxy({ apiKey: CANARY, baseUrl: prism.url, fetch: toPrism }),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await prism?.stop();
  });

  it('starts a dubbing, shows its progress and the result link, and never sends the token from the page', async () => {
    const page = await browser.newPage({ viewport: { width: 760, height: 820 } });
    const sent: Promise<{ url: string; headers: Record<string, string>; body: string | null }>[] = [];
    page.on('request', (r) =>
      sent.push(r.allHeaders().then((headers) => ({ url: r.url(), headers, body: r.postData() }))),
    );
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('recent').textContent()).toContain('test — en — completed');
    await page.fill('input[name=source_url]', 'https://example.com/talk.mp4');
    await page.selectOption('select[name=target_lang]', 'de');
    await page.click('button[type=submit]');

    await page.getByTestId('status').filter({ hasText: 'processing' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('status').textContent()).toBe('completed');
    expect(await page.getByTestId('history').textContent()).toBe('processing → completed');
    expect(await page.getByTestId('result').getAttribute('href')).toMatch(/^https:\/\/.+\.mp3$/);
    mkdirSync(`${ROOT}artifacts`, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The page talked only to its own origin, with the job's input, and without any credential.
    const requests = await Promise.all(sent);
    const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    expect(requests.every((r) => r.url.startsWith(server.url))).toBe(true);
    const start = api.find((r) => r.url.endsWith('/api/v1/userDubbing/startDubbing'));
    expect(JSON.parse(start!.body!)).toMatchObject({ source_url: 'https://example.com/talk.mp4', target_lang: 'de' });
    for (const r of requests) {
      expect(r.headers.authorization, r.url).toBeUndefined();
      expect(JSON.stringify(r), r.url).not.toContain(CANARY);
    }
    // ...while every call that reached Prism carried the server's token.
    expect(upstream.map((u) => u.path)).toEqual(
      expect.arrayContaining(['/api/v1/userDubbing/startDubbing', '/api/v1/userDubbing/allRecords']),
    );
    expect(upstream.filter((u) => u.path.startsWith('/api/v1/userDubbing/6')).length).toBeGreaterThanOrEqual(3);
    expect(upstream.every((u) => u.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('the proxy refuses a path outside the spec that the page might try', async () => {
    const res = await fetch(`${server.url}/api/v1/admin/users`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 404 });
  });
});
