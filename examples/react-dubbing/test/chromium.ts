// What both browser tests share: Debian's Chromium (never a downloaded one), whether it may be skipped,
// and a production build of one page of the app.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const inCI = process.env.CI === 'true' || process.env.CI === '1';
const hasChromium = existsSync(CHROMIUM);
/** Without Chromium a local run skips (with a warning); CI fails instead. */
export const skipBrowser = !hasChromium && !inCI;

export function warnIfSkipped(name: string): void {
  if (skipBrowser)
    console.warn(
      `[${name}] ${CHROMIUM} not found: browser test skipped (apt-get install -y chromium; in CI it fails instead)`,
    );
}

/** Builds `html` (default index.html) into `outDir` under the app root. */
export async function buildPage(outDir = 'dist', html = 'index.html'): Promise<void> {
  if (!hasChromium) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
  // Vitest sets NODE_ENV=test, which Vite would keep, shipping React's development build.
  const mode = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      configFile: `${ROOT}vite.config.ts`,
      mode: 'production',
      build: { outDir, rollupOptions: { input: `${ROOT}${html}` } },
    });
  } finally {
    process.env.NODE_ENV = mode;
  }
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
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
