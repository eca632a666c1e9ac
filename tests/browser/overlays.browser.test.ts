/**
 * What lies over what: the ledger dock's height (adjustable, remembered, rows clear of its scroll
 * bar) and the map's floating cards (the hover tooltip above the estate panel, the toolbar's tip
 * gone from the drawing hint after a click).
 *
 * Needs a built client (`npx vite build`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pointOnFeature } from '@turf/turf';
import type { EstateApiFeature, EstateCollection } from '../../client/src/api/types';
import type { MapTarget } from '../../client/src/map/map-types';
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

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface HookView {
  project(p: [number, number]): [number, number];
  pick(x: number, y: number): MapTarget | null;
  map: { isMoving(): boolean };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} has no box`);
  return { left: found.x, top: found.y, right: found.x + found.width, bottom: found.y + found.height };
}

function intersection(a: Box, b: Box): Box | null {
  const r = {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return r.right - r.left > 1 && r.bottom - r.top > 1 ? r : null;
}

/** The ledger rows wholly visible in the table body, and those the horizontal scroll bar lies over. */
async function ledgerRows(page: Page): Promise<{ whole: number; underScrollBar: string[] }> {
  return page.evaluate(() => {
    const holder = document.querySelector('.atlas-ledger .ant-table-tbody-virtual-holder')?.getBoundingClientRect();
    const bar = document.querySelector('.atlas-ledger .ant-table-tbody-virtual-scrollbar-horizontal')?.getBoundingClientRect();
    if (!holder) throw new Error('no virtual table body');
    let whole = 0;
    const underScrollBar: string[] = [];
    for (const row of document.querySelectorAll('.atlas-ledger .ant-table-tbody-virtual-holder .ant-table-row')) {
      const r = row.getBoundingClientRect();
      if (r.top >= holder.top - 1 && r.bottom <= holder.bottom + 1) whole++;
      // The part of the row the body shows, against the scroll bar.
      const top = Math.max(r.top, holder.top);
      const bottom = Math.min(r.bottom, holder.bottom);
      if (bar && bottom - top > 1 && Math.min(bottom, bar.bottom) - Math.max(top, bar.top) > 1)
        underScrollBar.push(row.textContent?.slice(0, 20) ?? '');
    }
    return { whole, underScrollBar };
  });
}

describe.skipIf(skipBrowserTests)('the ledger dock and the map overlays', () => {
  let server: AppUnderTest | null = null;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let estate: EstateApiFeature;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startAppUnderTest();
    const estates = (await getJson<EstateCollection>(`${server.url}/api/estates`)).features;
    const largest = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0];
    if (!largest) throw new Error('no estate in the demo data');
    estate = largest;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await gotoAtlas(page, server.url, pageErrors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the ledger at 1440 × 900 with at least eight whole rows, none under the horizontal scroll bar', async () => {
    await page.getByTestId('ledger-toggle').click();
    await page.getByTestId('ledger-count').waitFor({ timeout: 10_000 });
    await settle(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'ledger-dock-1440x900.png') });
    const dock = await box(page, '[data-testid="ledger-dock"]');
    const totals = await box(page, '[data-testid="ledger-totals"]');
    expect(totals.bottom, 'the totals row should show inside the dock').toBeLessThanOrEqual(dock.bottom + 1);
    const atTop = await ledgerRows(page);
    expect(atTop.whole).toBeGreaterThanOrEqual(8);
    expect(atTop.underScrollBar).toEqual([]);

    const body = await box(page, '.atlas-ledger .ant-table-tbody-virtual-holder');
    await page.mouse.move((body.left + body.right) / 2, (body.top + body.bottom) / 2);
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(400);
    const atEnd = await ledgerRows(page);
    expect(atEnd.whole).toBeGreaterThanOrEqual(8);
    expect(atEnd.underScrollBar).toEqual([]);
  });

  it('resizes the dock with its handle and opens it at the same height after a reload', async () => {
    const before = await box(page, '[data-testid="ledger-dock"]');
    const handle = await box(page, '[data-testid="ledger-resize"]');
    const x = (handle.left + handle.right) / 2;
    const y = (handle.top + handle.bottom) / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 120, { steps: 6 });
    await page.mouse.up();
    const after = await box(page, '[data-testid="ledger-dock"]');
    expect(after.bottom - after.top - (before.bottom - before.top)).toBeCloseTo(120, -1);

    await gotoAtlas(page, server?.url ?? '', pageErrors);
    await page.getByTestId('ledger-toggle').click();
    await page.getByTestId('ledger-count').waitFor({ timeout: 10_000 });
    const reopened = await box(page, '[data-testid="ledger-dock"]');
    expect(Math.abs(reopened.bottom - reopened.top - (after.bottom - after.top))).toBeLessThanOrEqual(1);
    await page.getByTestId('ledger-close').click();
  });

  it('draws the hover tooltip above the estate panel where they overlap', async () => {
    // The reload before may still be framing the city: a click mid-flight misses the estate.
    await settle(page);
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    const [ex, ey] = await page.evaluate((ll) => (window as unknown as { __atlas: HookView }).__atlas.project(ll), [lng, lat] as [
      number,
      number,
    ]);
    await page.mouse.click(ex, ey);
    await page.getByTestId('estate-panel-name').waitFor({ state: 'visible', timeout: 30_000 });
    await settle(page);
    const panel = await box(page, '.atlas-estate-drawer .ant-drawer-content-wrapper');
    const map = await box(page, '[data-testid="map"]');

    // An estate just left of the panel, so the card (drawn right of the pointer) reaches over it. On a
    // loaded machine the camera may still start its flight to the opened estate after a settle, moving
    // the estate from under the pointer: look again and hover again until the card shows.
    const hoverNearPanel = async (): Promise<boolean> => {
      await settle(page);
      const spot = await page.evaluate(
        ([left, top, bottom]) => {
          const hook = (window as unknown as { __atlas: HookView }).__atlas;
          for (let dx = 20; dx <= 160; dx += 10) {
            for (let y = top + 80; y < bottom - 140; y += 10) if (hook.pick(left - dx, y)?.kind === 'estate') return { x: left - dx, y };
          }
          return null;
        },
        [panel.left, map.top, map.bottom] as const,
      );
      if (!spot) throw new Error('no estate within 160 px left of the panel');
      await page.mouse.move(spot.x - 40, spot.y - 40);
      await page.mouse.move(spot.x, spot.y, { steps: 3 });
      return page
        .getByTestId('map-tooltip')
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
    };
    let shown = false;
    for (let attempt = 0; attempt < 3 && !shown; attempt++) shown = await hoverNearPanel();
    expect(shown, 'the hover card shows over an estate left of the panel').toBe(true);
    const tooltip = await box(page, '[data-testid="map-tooltip"]');
    await page.screenshot({ path: join(OUTPUT_DIR, 'tooltip-over-panel.png') });
    const overlap = intersection(tooltip, panel);
    if (!overlap) throw new Error('the tooltip should reach over the panel');
    // Hit-test the middle of the part of the card that lies over the panel.
    const at = { x: (overlap.left + overlap.right) / 2, y: (overlap.top + overlap.bottom) / 2 };
    const onTop = await page.evaluate((p) => {
      // The card lets the pointer through (pointer-events: none), which elementFromPoint honours; lift that to hit-test it.
      const card = document.querySelector<HTMLElement>('[data-testid="map-tooltip"]');
      if (!card) return false;
      card.style.pointerEvents = 'auto';
      const hit = document.elementFromPoint(p.x, p.y);
      card.style.pointerEvents = '';
      return hit !== null && card.contains(hit);
    }, at);
    expect(onTop).toBe(true);
    await page.mouse.move(map.left + 5, map.bottom - 5);
  }, 120_000);

  it('hides the New estate tip once clicked, so the drawing hint it opens is not covered', async () => {
    const create = await box(page, '[data-testid="edit-create"]');
    await page.mouse.move((create.left + create.right) / 2, (create.top + create.bottom) / 2);
    await page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.mouse.down();
    await page.mouse.up();
    await page.getByTestId('edit-status').waitFor({ state: 'visible', timeout: 5_000 });
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(OUTPUT_DIR, 'draw-hint-after-click.png') });
    const hint = await box(page, '.atlas-edit-hint');
    const coveringTips = await page.evaluate((h) => {
      const found: string[] = [];
      for (const tip of document.querySelectorAll('.ant-tooltip')) {
        const r = tip.getBoundingClientRect();
        const shown = !tip.classList.contains('ant-tooltip-hidden') && getComputedStyle(tip).opacity !== '0' && r.width > 0;
        if (shown && Math.min(r.right, h.right) - Math.max(r.left, h.left) > 1 && Math.min(r.bottom, h.bottom) - Math.max(r.top, h.top) > 1)
          found.push(tip.textContent ?? '');
      }
      return found;
    }, hint);
    expect(coveringTips).toEqual([]);
    const hintOnTop = await page.evaluate(() => {
      const el = document.querySelector('.atlas-edit-hint');
      const r = el?.getBoundingClientRect();
      const hit = r ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
      return Boolean(el && hit && el.contains(hit));
    });
    expect(hintOnTop).toBe(true);
    await page.getByTestId('edit-cancel').click();
    await page.getByTestId('edit-status').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
