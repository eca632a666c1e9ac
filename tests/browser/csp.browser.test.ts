/**
 * The app works under its Content-Security-Policy (server/http/security-headers.ts): while the map
 * loads and the main screens are used, the browser reports no `securitypolicyviolation` (and
 * logs no CSP error, which also covers MapLibre's workers), and the page carries the headers.
 *
 * Needs a built client (`npx vite build`).
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppUnderTest, gotoAtlas, launchChromium, newAtlasPage, skipBrowserTests, startAppUnderTest } from './browser-helpers';

const CSV_FIXTURE = fileURLToPath(new URL('../fixtures/import/estates-wkt.csv', import.meta.url));

interface ViolationView {
  __cspViolations: string[];
}

describe.skipIf(skipBrowserTests)('the Content-Security-Policy', () => {
  let server: AppUnderTest | null = null;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  let documentHeaders: Record<string, string> = {};

  async function violations(): Promise<string[]> {
    const seen = await page.evaluate(() => (window as unknown as ViolationView).__cspViolations);
    return [...seen, ...consoleErrors.filter((text) => /Content Security Policy/i.test(text))];
  }

  beforeAll(async () => {
    server = await startAppUnderTest();
    browser = await launchChromium();
    page = await newAtlasPage(browser);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as ViolationView).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.request().resourceType() === 'document') documentHeaders = response.headers();
    });
    await gotoAtlas(page, server.url, pageErrors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the page with the CSP, frame denial and a referrer policy, and no HSTS over HTTP', () => {
    const csp = documentHeaders['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(documentHeaders['x-frame-options']).toBe('DENY');
    expect(documentHeaders['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(documentHeaders['strict-transport-security']).toBeUndefined();
  });

  it('draws the map without a violation', async () => {
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('opens the ledger and an estate, the import wizard with a file, and switches language without a violation', async () => {
    await page.getByTestId('ledger-toggle').click();
    const firstName = page.locator('.atlas-ledger .ant-table-row [data-testid="ledger-name"]').first();
    await firstName.waitFor({ timeout: 10_000 });
    await firstName.click();
    await page.getByTestId('estate-panel-name').waitFor({ state: 'visible', timeout: 30_000 });

    await page.getByTestId('import-open').click();
    await page.getByTestId('import-step-file').waitFor({ timeout: 15_000 });
    await page.locator('.atlas-import-dialog input[type=file]').setInputFiles(CSV_FIXTURE);
    await page.getByTestId('import-file-info').waitFor({ timeout: 15_000 });
    await page.getByTestId('import-cancel').click();

    await page.getByTestId('lang-switch').click();
    await page.waitForTimeout(500);
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('opens the dashboard, its charts and their tooltips, and its live event stream, without a violation', async () => {
    await page.getByTestId('dashboard-toggle').click();
    const funnel = page.getByTestId('chart-funnel');
    await funnel.waitFor({ timeout: 30_000 });
    const box = await funnel.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.waitForTimeout(500);
    expect(await violations()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
