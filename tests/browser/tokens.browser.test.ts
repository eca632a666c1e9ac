/**
 * Personal API tokens in the browser, as a planner: the account menu opens the drawer, a token is
 * created and its secret shown once with how to use it, the secret reads the OGC API with
 * `Authorization: Bearer`, revoking it in the list stops it. Screenshots at both sizes in both
 * languages (tests/output/tokens-*), checked for covered controls, cut labels and raw keys.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppUnderTest,
  launchChromium,
  OUTPUT_DIR,
  signInPage,
  skipBrowserTests,
  startAppUnderTest,
  waitForMap,
} from './browser-helpers';
import { layoutProblemsWithin, SCREENSHOT_VIEWPORTS } from './layout-checks';

const CONTROLS = ['.ant-btn', '.ant-input', '.ant-select'];
const LABELS = ['.ant-table-thead th', '.ant-drawer-title', '.ant-alert-title'];

async function expectClean(page: Page, what: string): Promise<void> {
  const found = await layoutProblemsWithin(page, '.atlas-admin-drawer', CONTROLS, LABELS);
  expect({ what, ...found }).toEqual({ what, covered: [], cut: [], rawKeys: [] });
}

describe.skipIf(skipBrowserTests)('API tokens in the browser', () => {
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

  // One page for all four sizes and languages: a page load costs seconds of software WebGL, the drawer does not.
  it('creates a token shown once, reads the OGC API with it and revokes it, at both sizes in both languages', async () => {
    const page = await browser.newPage({ viewport: SCREENSHOT_VIEWPORTS[0], deviceScaleFactor: 1 });
    try {
      await signInPage(page, server.url, 'planner');
      await page.goto(server.url);
      await waitForMap(page);
      for (const viewport of SCREENSHOT_VIEWPORTS) {
        for (const lang of ['zh', 'en'] as const) {
          const size = `${viewport.width}x${viewport.height}-${lang}`;
          await page.setViewportSize(viewport);
          await page.getByTestId(`lang-${lang}`).click();
          await page.getByTestId('account-menu').click();
          await page.getByTestId('menu-tokens').click();
          await page.getByTestId('tokens-drawer').waitFor();

          const name = `QGIS ${size}`;
          await page.getByTestId('token-name').fill(name);
          await page.getByTestId('token-create').click();
          const secret = (await page.getByTestId('token-secret').textContent({ timeout: 10_000 })) ?? '';
          expect(secret).toMatch(/^ra_[\w-]{43}$/);
          const row = page.getByTestId('tokens-table').locator('.ant-table-row', { hasText: name });
          await row.waitFor();
          expect(await row.textContent()).toContain(secret.slice(0, 10));
          expect(await row.textContent()).not.toContain(secret);

          const read = await fetch(`${server.url}/ogc/collections`, { headers: { Authorization: `Bearer ${secret}` } });
          expect(read.status).toBe(200);

          await page.waitForTimeout(300);
          await page.screenshot({ path: join(OUTPUT_DIR, `tokens-${size}.png`) });
          await expectClean(page, `tokens ${size}`);

          await row.getByRole('button').click();
          await page.locator('.ant-popconfirm:not(.ant-popover-hidden) .ant-btn-primary').click();
          await row.waitFor({ state: 'detached', timeout: 10_000 });
          await page.getByTestId('token-created').waitFor({ state: 'detached' });
          const refused = await fetch(`${server.url}/ogc/collections`, { headers: { Authorization: `Bearer ${secret}` } });
          expect(refused.status).toBe(401);
          // The popconfirm closing over the drawer can swallow the click on its close button: click again then.
          const drawer = page.getByTestId('tokens-drawer');
          for (let attempt = 0; attempt < 3 && (await drawer.isVisible()); attempt++) {
            await page.locator('.atlas-admin-drawer .ant-drawer-close').click();
            await drawer.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
          }
          await drawer.waitFor({ state: 'hidden', timeout: 1_000 });
          // The "revoked" toast would cover the next screenshot's drawer title. A toast under the pointer stays,
          // and a busy machine stretches its exit animation: park the pointer and allow time.
          await page.mouse.move(5, (page.viewportSize()?.height ?? 700) - 5);
          await page.waitForFunction(() => !document.querySelector('.ant-message-notice'), null, { timeout: 30_000 });
        }
      }
    } finally {
      await page.close();
    }
  }, 180_000);
});
