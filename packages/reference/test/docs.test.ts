// `pnpm docs` end to end: builds the reference (the same function), serves docs/ on loopback and opens
// it in Debian's Chromium: the seed operation GET /api/v1/userDubbing/{_id} is found and photographed,
// the TypeScript API has the client's entry function, and nothing the pages run comes from the network.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, DOCS_DIR } from '../scripts/build-docs.ts';
import { serveDir } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && !inCI)
  console.warn(
    `[reference] ${CHROMIUM} not found: browser test skipped (apt-get install -y chromium; in CI it fails instead)`,
  );

/** Every request a page makes that does not go to the loopback server (or stay in memory: data:, blob: workers), with its kind. */
function offsite(page: Page, local: string): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(local) && !/^(data|blob):/.test(r.url())) seen.push(`${r.resourceType()} ${r.url()}`);
  });
  return seen;
}

describe.skipIf(!hasChromium && !inCI)('the API reference in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveDir>>;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
    buildDocs();
    site = await serveDir(DOCS_DIR);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('docs/ holds the spec page with every operation, the bundled spec and the TypeScript API', () => {
    const spec = JSON.parse(readFileSync(join(DOCS_DIR, 'openapi.json'), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(spec.paths).flatMap((item) =>
      Object.values(item)
        .map((op) => op.operationId)
        .filter(Boolean),
    );
    expect(ids.length).toBeGreaterThan(250);
    const page = readFileSync(join(DOCS_DIR, 'api', 'index.html'), 'utf8');
    for (const id of ids) expect(page, id).toContain(`"operationId":"${id}"`);
    expect(page).not.toMatch(/https:\/\/cdn\.redocly\.com/);
    expect(existsSync(join(DOCS_DIR, 'ts', 'index.html'))).toBe(true);
  });

  it('finds the seed operation GET /api/v1/userDubbing/{_id} and photographs it', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const remote = offsite(page, site.url);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${site.url}/api/index.html`);
    // As a reader would: the tag in the menu, then the operation.
    await page.getByRole('link', { name: 'AI Dubbing' }).first().click();
    await page
      .getByRole('link', { name: /Get a dubbing task/ })
      .first()
      .click();
    const section = page.locator('[data-section-id="/dubbing/getdubbing"]');
    await expect.poll(() => section.innerText(), { timeout: 30_000 }).toContain('/api/v1/userDubbing/{_id}');
    const text = await section.innerText();
    expect(text).toContain('Get a dubbing task');
    expect(text).toMatch(/\bGET\b/);
    expect(page.url()).toMatch(/#\/dubbing\/getdubbing$/);
    await section.scrollIntoViewIfNeeded();
    const shot = await page.screenshot({ path: join(ARTIFACTS, 'api-getDubbing.png') });
    expect(shot.length).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
    // Redoc's "API docs by Redocly" badge is a remote image; code, styles and data must all be local.
    expect(remote.filter((r) => !r.startsWith('image '))).toEqual([]);
    await page.close();
  });

  it('documents the TypeScript API: createA2EClient and useA2EJob', async () => {
    const page = await browser.newPage();
    const remote = offsite(page, site.url);
    for (const [module, name] of [
      ['client/src', 'createA2EClient'],
      ['react/src', 'useA2EJob'],
    ] as const) {
      await page.goto(`${site.url}/ts/index.html`);
      await page.getByRole('link', { name: module, exact: true }).first().click();
      await page.getByRole('link', { name, exact: true }).first().click();
      await expect.poll(() => page.locator('h1').innerText(), { timeout: 15_000 }).toContain(name);
    }
    expect(remote).toEqual([]);
    await page.close();
  });
});
