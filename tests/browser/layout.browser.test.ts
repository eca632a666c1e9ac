/**
 * Every screen at 1024 × 700 and 1440 × 900, in Chinese and in English: the atlas with the estate
 * panel, the ledger dock, drawing a new estate with its form, the import wizard and the export menu.
 * Each control must be clickable (nothing over its centre), no label cut, no raw i18n key shown,
 * and the map must keep a usable size. Screenshots go to tests/output/<screen>-<w>x<h>-<lang>.png.
 *
 * Needs a built client (`npx vite build`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pointOnFeature } from '@turf/turf';
import type { EstateApiFeature, EstateCollection } from '../../client/src/api/types';
import {
  apiFetch,
  type AppUnderTest,
  gotoAtlas,
  launchChromium,
  OUTPUT_DIR,
  skipBrowserTests,
  startAppUnderTest,
  settle,
} from './browser-helpers';
import { layoutProblems, uncoveredMapSize } from './layout-checks';

const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const LANGUAGES = ['zh', 'en'] as const;

/** The least map a planner can still work with beside an open panel. */
const MIN_MAP_PX = { width: 420, height: 260 };

const HEADER_CONTROLS = ['.atlas-header .ant-btn', '.atlas-header .ant-segmented-item'];
const HEADER_LABELS = [
  '.atlas-title',
  '.atlas-subtitle',
  '.atlas-tagline',
  '.ant-segmented-item-label',
  '.atlas-stat-label',
  '.atlas-stat-value',
  '.atlas-account-name',
  '.atlas-account-role',
];
const EDIT_CONTROLS = ['[data-testid="edit-toolbar"] .ant-btn'];
const LEDGER_CONTROLS = ['[data-testid="ledger-close"]', '.atlas-ledger-toolbar .ant-btn', '.atlas-ledger-toolbar input'];
const LEDGER_LABELS = ['.atlas-ledger-heading', '.atlas-ledger-count', '.atlas-ledger-label', '.atlas-ledger .ant-table-column-title'];
const PANEL_LABELS = ['.atlas-panel-name', '.atlas-estate-drawer .ant-drawer-title'];

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function project(page: Page, lngLat: [number, number]): Promise<[number, number]> {
  return page.evaluate(
    (ll) => (window as unknown as { __atlas: { project(p: [number, number]): [number, number] } }).__atlas.project(ll),
    lngLat,
  );
}

/** Lets slide-ins, map pans and tooltips finish before a check or a screenshot. */
describe.skipIf(skipBrowserTests)('the layout at 1024 × 700 and 1440 × 900 in both languages', () => {
  let server: AppUnderTest | null = null;
  let browser: Browser;
  let estate: EstateApiFeature;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startAppUnderTest();
    const estates = (await getJson<EstateCollection>(`${server.url}/api/estates`)).features;
    const largest = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0];
    if (!largest) throw new Error('no estate in the demo data');
    estate = largest;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(
    page: Page,
    screen: string,
    size: string,
    controls: readonly string[],
    labels: readonly string[],
    map = true,
  ): Promise<void> {
    await settle(page);
    await page.screenshot({ path: join(OUTPUT_DIR, `${screen}-${size}.png`) });
    const found = await layoutProblems(page, [...HEADER_CONTROLS, ...controls], [...HEADER_LABELS, ...labels]);
    for (const [kind, list] of Object.entries(found)) problems.push(...list.map((p: string) => `${screen} ${size} ${kind}: ${p}`));
    if (!map) return;
    const uncovered = await uncoveredMapSize(page);
    if (uncovered.width < MIN_MAP_PX.width || uncovered.height < MIN_MAP_PX.height) {
      problems.push(`${screen} ${size}: only ${uncovered.width} × ${uncovered.height} px of map left`);
    }
  }

  for (const viewport of VIEWPORTS) {
    for (const lang of LANGUAGES) {
      const size = `${viewport.width}x${viewport.height}-${lang}`;
      it(`keeps every screen usable at ${viewport.width} × ${viewport.height} in ${lang === 'zh' ? 'Chinese' : 'English'}`, async () => {
        const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
        page.on('pageerror', (error) => problems.push(`${size} page error: ${error.message}`));
        await gotoAtlas(page, server?.url ?? '');
        if (lang === 'en') await page.getByTestId('lang-en').click();

        // The atlas with the estate panel open.
        const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
        const [x, y] = await project(page, [lng, lat]);
        await page.mouse.click(x, y);
        await page.getByTestId('estate-panel-name').waitFor({ state: 'visible', timeout: 30_000 });
        await page.mouse.move(2, viewport.height - 2);
        await check(page, 'atlas-panel', size, EDIT_CONTROLS, PANEL_LABELS);

        // On a narrow window the controls start folded; unfolded beside the panel, the toolbar still wraps clear of it.
        const folded = (await page.getByTestId('controls-sider').evaluate((el) => el.getBoundingClientRect().width)) === 0;
        expect(folded).toBe(viewport.width < 1200);
        if (folded) {
          await page.getByTestId('controls-toggle').click();
          await page.mouse.move(2, viewport.height - 2);
          await check(
            page,
            'atlas-panel-controls',
            size,
            EDIT_CONTROLS,
            [...PANEL_LABELS, '.atlas-section-title', '.atlas-legend-label'],
            false,
          );
          await page.getByTestId('controls-toggle').click();
        }

        // The ledger dock under the map, with the panel still open.
        await page.getByTestId('ledger-toggle').click();
        await page.getByTestId('ledger-count').waitFor({ timeout: 10_000 });
        await check(page, 'ledger', size, [...EDIT_CONTROLS, ...LEDGER_CONTROLS], [...PANEL_LABELS, ...LEDGER_LABELS]);

        // The export menu of the ledger.
        await page.getByTestId('export-button').click();
        await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').waitFor({ state: 'visible', timeout: 10_000 });
        await check(
          page,
          'export-menu',
          size,
          ['.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item'],
          ['.ant-dropdown-menu-item-group-title', '.ant-dropdown-menu-title-content'],
          false,
        );
        await page.keyboard.press('Escape');
        await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').waitFor({ state: 'hidden', timeout: 10_000 });
        await page.getByTestId('ledger-close').click();

        // Drawing a new estate: the form is open and every toolbar button stays reachable.
        await page.getByTestId('edit-create').click();
        await page.getByTestId('edit-form').waitFor({ state: 'visible', timeout: 10_000 });
        await page.mouse.move(2, viewport.height - 2);
        await check(page, 'draw', size, EDIT_CONTROLS, [
          '.atlas-edit-hint',
          '[data-testid="edit-form-title"]',
          '.atlas-edit-form .ant-form-item-label > label',
        ]);
        await page.getByTestId('edit-cancel').click({ timeout: 5_000 });
        await page.getByTestId('edit-status').waitFor({ state: 'detached', timeout: 10_000 });

        // The import wizard.
        await page.getByTestId('import-open').click();
        await page.getByTestId('import-step-file').waitFor({ state: 'visible', timeout: 10_000 });
        await check(
          page,
          'import',
          size,
          ['.ant-modal-wrap .ant-btn', '.ant-modal-wrap .ant-modal-close'],
          ['.ant-modal-title', '.ant-steps-item-title', '.atlas-import-step .ant-upload-text, .atlas-import-step .ant-upload-hint'],
          false,
        );
        await page.getByTestId('import-cancel').click({ timeout: 5_000 });
        await page.close();
      }, 120_000);
    }
  }

  it('found nothing cut, covered or overlapping, no raw key and enough map on any screen', () => {
    expect(problems).toEqual([]);
  });
});
