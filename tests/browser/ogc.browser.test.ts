/**
 * The OGC API's HTML pages in a browser, signed in: from the landing page through the collections
 * to a page of estates and one estate, by the links alone (tests/output/ogc-*.png).
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppUnderTest, launchChromium, OUTPUT_DIR, signInPage, skipBrowserTests, startAppUnderTest } from './browser-helpers';
import { SCREENSHOT_VIEWPORTS } from './layout-checks';

describe.skipIf(skipBrowserTests)('OGC API pages in the browser', () => {
  let server: AppUnderTest;
  let browser: Browser;
  beforeAll(async () => {
    server = await startAppUnderTest();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of SCREENSHOT_VIEWPORTS) {
    it(`browses from the landing page to one estate by links at ${viewport.width}x${viewport.height}`, async () => {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1, locale: 'zh-CN' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      try {
        await signInPage(page, server.url, 'leader');
        await page.goto(`${server.url}/ogc`);
        expect(await page.locator('h1').textContent()).toContain('OGC API');
        await page.locator('a[rel="data"]').click();
        await page.locator('table a', { hasText: 'estates' }).first().waitFor();
        const size = `${viewport.width}x${viewport.height}`;
        await page.screenshot({ path: join(OUTPUT_DIR, `ogc-collections-${size}.png`) });
        await page.locator('tr', { hasText: 'estates' }).locator('a').last().click();
        const firstFeature = page.locator('tbody tr').first().locator('a');
        await firstFeature.waitFor();
        await page.screenshot({ path: join(OUTPUT_DIR, `ogc-items-${size}.png`) });
        const id = await firstFeature.textContent();
        await firstFeature.click();
        await page.locator('h1').waitFor();
        expect(page.url()).toContain(`/ogc/collections/estates/items/${id}`);
        expect(await page.locator('table').textContent()).toContain('households');
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
