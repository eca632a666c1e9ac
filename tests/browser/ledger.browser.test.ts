/**
 * The ledger (台账) in headless Chromium: all estates with their totals, text search, and the
 * selection synced with the map both ways (row → map flies to it and the panel opens; polygon →
 * its row is scrolled into view and highlighted).
 *
 * Needs a built client (`npx vite build`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { distance, pointOnFeature } from '@turf/turf';
import type { EstateApiFeature, EstateCollection, Summary } from '../../client/src/api/types';
import type { MapTarget } from '../../client/src/map/map-types';
import {
  apiFetch,
  type AppUnderTest,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  skipBrowserTests,
  startAppUnderTest,
  shownText,
} from './browser-helpers';

interface HookView {
  map: {
    getCenter(): { lng: number; lat: number };
    getZoom(): number;
    isMoving(): boolean;
    jumpTo(o: { center: [number, number]; zoom: number }): void;
  };
  project(p: [number, number]): [number, number];
  pick(x: number, y: number): MapTarget | null;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function mapCamera(page: Page): Promise<{ center: [number, number]; zoom: number }> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __atlas: HookView }).__atlas;
    const c = hook.map.getCenter();
    return { center: [c.lng, c.lat] as [number, number], zoom: hook.map.getZoom() };
  });
}

async function waitForMapAtRest(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as unknown as { __atlas: HookView }).__atlas.map.isMoving(), null, { timeout: 10_000 });
  await page.waitForTimeout(150);
}

function digits(text: string | null): string {
  return (text ?? '').replace(/[^\d]/g, '');
}

describe.skipIf(skipBrowserTests)('the ledger table', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page;
  let estates: EstateApiFeature[];
  let summary: Summary;
  let initialCamera: { center: [number, number]; zoom: number };

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    estates = (await getJson<EstateCollection>(`${baseUrl}/api/estates`)).features;
    summary = await getJson<Summary>(`${baseUrl}/api/summary`);
    browser = await launchChromium();
    page = await openAtlasPage(browser, baseUrl);
    initialCamera = await mapCamera(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists all 117 demo estates and totals their 8,593 households', async () => {
    await page.getByTestId('ledger-toggle').click();
    const count = page.getByTestId('ledger-count');
    await count.waitFor({ timeout: 10_000 });
    expect(estates).toHaveLength(117);
    expect(await count.textContent()).toContain('117 / 117');
    expect(await page.getByTestId('ledger-total-households').textContent()).toBe('8,593');
    expect(digits(await page.getByTestId('ledger-total-households').textContent())).toBe(String(summary.households));
    expect(digits(await page.getByTestId('ledger-total-buildings').textContent())).toBe(String(summary.buildings));
    // Virtualised: far fewer rows in the DOM than estates.
    const domRows = await page.locator('.atlas-ledger .ant-table-row').count();
    expect(domRows).toBeGreaterThan(0);
    expect(domRows).toBeLessThan(117);
    await waitForMapAtRest(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'ledger-zh.png') });
  });

  it('narrows the rows to the estate whose name is searched, with matching totals', async () => {
    const names = estates.map((e) => e.properties.name);
    const target = estates.find((e) => names.filter((n) => n.includes(e.properties.name)).length === 1);
    if (!target) throw new Error('no estate with a unique name');
    await page.getByTestId('ledger-search').locator('input').fill(target.properties.name);
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-count"]')?.textContent?.startsWith('显示 1 /'), null, {
      timeout: 5_000,
    });
    const shown = await page.locator('.atlas-ledger .ant-table-row [data-testid="ledger-name"]').allTextContents();
    expect(shown).toEqual([target.properties.name]);
    expect(digits(await page.getByTestId('ledger-total-households').textContent())).toBe(String(target.properties.households));
    await page.getByTestId('ledger-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-count"]')?.textContent?.includes('117 / 117'), null, {
      timeout: 5_000,
    });
  });

  it('opens a clicked row on the map: the panel names it and the map flies to it', async () => {
    const row = page.locator('.atlas-ledger .ant-table-row').nth(3);
    const id = Number(await row.getAttribute('data-estate-id'));
    const estate = estates.find((e) => e.id === id);
    if (!estate) throw new Error(`row ${id} is not an estate`);
    await row.locator('[data-testid="ledger-name"]').click();
    const name = page.getByTestId('estate-panel-name');
    await name.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await name.textContent()).toBe(estate.properties.name);
    await waitForMapAtRest(page);
    const camera = await mapCamera(page);
    expect(camera.zoom).toBeGreaterThan(initialCamera.zoom);
    const point = pointOnFeature(estate);
    // Framed beside the estate panel, so the centre is near but not on the estate.
    expect(distance(point, camera.center, { units: 'meters' })).toBeLessThan(400);
    expect(await row.getAttribute('class')).toContain('atlas-ledger-row-selected');
    const [x, y] = await page.evaluate(
      (ll) => (window as unknown as { __atlas: HookView }).__atlas.project(ll),
      point.geometry.coordinates as [number, number],
    );
    const mapBox = await page.getByTestId('map').boundingBox();
    if (!mapBox) throw new Error('no map box');
    expect(x).toBeGreaterThan(mapBox.x);
    expect(x).toBeLessThan(mapBox.x + mapBox.width - 380);
    expect(y).toBeGreaterThan(mapBox.y);
    expect(y).toBeLessThan(mapBox.y + mapBox.height);
  });

  it('scrolls to and highlights the row of a polygon clicked on the map', async () => {
    await page.evaluate((camera) => (window as unknown as { __atlas: HookView }).__atlas.map.jumpTo(camera), initialCamera);
    await page.getByTestId('estate-panel-name').waitFor({ state: 'visible' });
    await page.locator('.atlas-estate-drawer .ant-drawer-close').click();
    await page.getByTestId('estate-panel-name').waitFor({ state: 'detached', timeout: 10_000 });
    await waitForMapAtRest(page);
    const mapBox = await page.getByTestId('map').boundingBox();
    if (!mapBox) throw new Error('no map box');
    // The table is in id order; an estate near the end is outside the rendered rows until scrolled to.
    const candidates = [...estates].sort((a, b) => b.id - a.id);
    let chosen: { estate: EstateApiFeature; x: number; y: number } | null = null;
    for (const estate of candidates) {
      const ll = pointOnFeature(estate).geometry.coordinates as [number, number];
      const [x, y] = await page.evaluate((p) => (window as unknown as { __atlas: HookView }).__atlas.project(p), ll);
      if (x < mapBox.x + 60 || x > mapBox.x + mapBox.width - 60 || y < mapBox.y + 40 || y > mapBox.y + mapBox.height - 40) continue;
      const picked = await page.evaluate(([px, py]) => (window as unknown as { __atlas: HookView }).__atlas.pick(px, py), [x, y] as const);
      if (picked?.kind === 'estate' && picked.id === estate.id) {
        chosen = { estate, x, y };
        break;
      }
    }
    if (!chosen) throw new Error('no estate clickable on the map');
    expect(await page.locator(`.atlas-ledger [data-estate-id="${chosen.estate.id}"]`).count()).toBe(0);
    const row = page.locator(`.atlas-ledger [data-estate-id="${chosen.estate.id}"]`);
    const { name } = chosen.estate.properties;
    // A click on a busy machine can be taken for the start of a drag: clicked again until the estate is selected.
    await expect
      .poll(
        async () => {
          if ((await shownText(page, 'estate-panel-name')) !== name) await page.mouse.click(chosen.x, chosen.y);
          return row.isVisible();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(true);
    await page.waitForFunction(
      (id) => document.querySelector(`.atlas-ledger [data-estate-id="${id}"]`)?.classList.contains('atlas-ledger-row-selected') === true,
      chosen.estate.id,
      { timeout: 5_000 },
    );
    const rowBox = await row.boundingBox();
    const bodyBox = await page
      .locator('.atlas-ledger .ant-table-body, .atlas-ledger .ant-table-tbody-virtual-holder')
      .first()
      .boundingBox();
    if (!rowBox || !bodyBox) throw new Error('no row or table body box');
    expect(rowBox.y).toBeGreaterThanOrEqual(bodyBox.y - 1);
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(bodyBox.y + bodyBox.height + 1);
    expect(await row.locator('[data-testid="ledger-name"]').textContent()).toBe(chosen.estate.properties.name);
  });

  it('relabels the ledger in English and keeps its text inside its boxes', async () => {
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-count"]')?.textContent?.includes('117 of 117'), null, {
      timeout: 5_000,
    });
    await waitForMapAtRest(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'ledger-en.png') });
    const overflowing: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.waitForTimeout(200);
      const found = await page.evaluate(() => {
        const bad: string[] = [];
        const selectors = [
          '.atlas-ledger-heading',
          '.atlas-ledger-label',
          '.atlas-header-tools .ant-btn',
          '.atlas-ledger-toolbar .ant-btn',
          '.atlas-ledger .ant-table-column-title',
        ];
        for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
          if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) bad.push(el.textContent ?? '');
        }
        const toolbar = document.querySelector('.atlas-ledger-toolbar');
        if (toolbar && toolbar.scrollWidth > toolbar.clientWidth + 1) bad.push('toolbar');
        return bad;
      });
      overflowing.push(...found.map((text) => `${lang}: "${text}"`));
    }
    expect(overflowing).toEqual([]);
  });
});
