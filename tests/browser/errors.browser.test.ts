/**
 * What the page shows when the API fails: Playwright answers one endpoint with the API's 503
 * error body, and the page must say so in words (Chinese, then English) with the server's
 * message, not go blank or show a raw i18n key; a retry once the API is back draws the map.
 *
 * Needs a built client (`npx vite build`). Set ATLAS_TEST_URL to test an already running server
 * instead of starting one.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { en } from '../../client/src/shared/i18n/en';
import { zh } from '../../client/src/shared/i18n/zh';
import {
  type AppUnderTest,
  launchChromium,
  newAtlasPage,
  OUTPUT_DIR,
  skipBrowserTests,
  startAppUnderTest,
  waitForMap,
  signInPage,
} from './browser-helpers';

const SERVER_MESSAGE = 'database unreachable: test';
const UNAVAILABLE_BODY = JSON.stringify({ error: { code: 'unavailable', message: SERVER_MESSAGE } });
/** Text that looks like an untranslated i18n key, e.g. `status.loadFailed`. */
const RAW_KEY = /\b(app|language|summary|filter|colourBy|layers|legend|estate|units|tooltip|status|map)\.[a-zA-Z]+/;

function answer503(route: Route): Promise<void> {
  return route.fulfill({ status: 503, contentType: 'application/json', body: UNAVAILABLE_BODY });
}

function pathIs(path: string): (url: URL) => boolean {
  return (url) => url.pathname === path;
}

describe.skipIf(skipBrowserTests)('the page when the API is unavailable', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page | null = null;

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    browser = await launchChromium();
  }, 180_000);

  afterEach(async () => {
    await page?.close();
    page = null;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('explains a failed estate load in Chinese, then in English, and draws the map after a retry', async () => {
    page = await newAtlasPage(browser);
    const failEstates = pathIs('/api/estates');
    await page.route(failEstates, answer503);
    await signInPage(page, baseUrl);
    await page.goto(baseUrl);

    const alert = page.getByTestId('load-error');
    const retryButton = () => alert.getByRole('button');
    await alert.waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: join(OUTPUT_DIR, 'error-zh.png') });
    expect(await page.getByTestId('app-title').textContent()).toBe(zh.app.title);
    const zhText = (await alert.textContent()) ?? '';
    expect(zhText).toContain(zh.status.loadFailed);
    expect(zhText).toContain(`${SERVER_MESSAGE} (/api/estates, HTTP 503)`);
    expect(zhText).not.toMatch(RAW_KEY);
    // antd spaces out two-character Chinese button labels ("重 试").
    expect((await retryButton().textContent())?.replace(/\s/g, '')).toBe(zh.status.retry);

    await page.getByTestId('lang-en').click();
    await alert.getByText(en.status.loadFailed).waitFor({ timeout: 10_000 });
    const enText = (await alert.textContent()) ?? '';
    expect(enText).toContain(SERVER_MESSAGE);
    expect(enText).not.toMatch(RAW_KEY);
    expect(enText).not.toContain(zh.status.loadFailed);
    expect(await retryButton().textContent()).toBe(en.status.retry);
    await page.screenshot({ path: join(OUTPUT_DIR, 'error-en.png') });

    await page.unroute(failEstates, answer503);
    await retryButton().click();
    await waitForMap(page);
    expect(await page.getByTestId('load-error').count()).toBe(0);
  });

  it('fills the summary strip from the loaded estates, so a failing /api/summary does not empty it', async () => {
    page = await newAtlasPage(browser);
    await page.route(pathIs('/api/summary'), answer503);
    await signInPage(page, baseUrl);
    await page.goto(baseUrl);
    await waitForMap(page);

    const summary = page.getByTestId('summary');
    await page.getByTestId('summary-estates').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('summary-estates').textContent()).toBe('117');
    expect((await summary.textContent()) ?? '').not.toMatch(RAW_KEY);
    expect(await page.getByTestId('load-error').count()).toBe(0);
  });
});
