/**
 * What the browser tests share: where Chromium is and how to launch it, when to skip, where
 * screenshots go, and how to wait for the map's test hook.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const OUTPUT_DIR = fileURLToPath(new URL('../output', import.meta.url));
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Without Chromium the browser tests are skipped locally, but fail in CI. */
export const skipBrowserTests = !existsSync(CHROMIUM_PATH) && !process.env.CI;
if (skipBrowserTests) console.warn(`[browser test] skipped: ${CHROMIUM_PATH} is missing (install chromium; in CI this test fails instead).`);

/** Throws when the client has not been built and no running server was given. */
export function assertClientBuilt(): void {
  if (!existsSync(BUILT_CLIENT) && !process.env.ATLAS_TEST_URL) {
    throw new Error('dist/client is missing — run `npx vite build` before the browser test.');
  }
}

export function ensureOutputDir(): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function newAtlasPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
}

interface HookView {
  ready: boolean;
}

/** Waits until the map has drawn its estates (`window.__atlas.ready`, client/src/map/test-hook.ts). */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __atlas?: HookView }).__atlas?.ready === true, null, { timeout: 60_000 });
}
