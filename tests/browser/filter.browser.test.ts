/**
 * The one atlas filter and the map's framing in headless Chromium (issue 6, defects 1 and 6):
 * with an estate from another city in the database the first view is still the demo city, the
 * view buttons frame everything and come back, a sub-district chosen in the sidebar is framed, and
 * a ledger filter changes the summary strip and fades the estates it leaves out on the map.
 *
 * Needs a built client (`npx vite build`).
 */
import { polygonLabelPoint } from '../../core/geometry/label-points';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import type { EstateApiFeature, EstateCollection, OutlinedSubdistrictCollection } from '../../client/src/api/types';
import {
  apiFetch,
  type AppUnderTest,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  skipBrowserTests,
  startAppUnderTest,
  screenPixels,
  toggleSelectOption,
  chooseColouring,
} from './browser-helpers';

type Rgb = readonly [number, number, number];

interface HookView {
  map: {
    getCenter(): { lng: number; lat: number };
    getZoom(): number;
    isMoving(): boolean;
    jumpTo(options: { center: [number, number]; zoom: number }): void;
  };
  project(p: [number, number]): [number, number];
}

/**
 * A faded estate, worked out by hand: the context grey rgb(160, 166, 176) at opacity 70/255 over
 * the land #f3f0e8, channel = round(grey × 70/255 + land × 185/255).
 */
const FADED_ON_LAND: Rgb = [220, 220, 217];
/** Urgent #d7301f, eligible #f5922f and not eligible #7f97b2 at opacity 215/255 over the land. */
const STATUS_ON_LAND: Readonly<Record<'urgent' | 'eligible' | 'notEligible', Rgb>> = {
  urgent: [219, 78, 63],
  eligible: [245, 161, 76],
  notEligible: [145, 165, 186],
};
const COLOUR_TOLERANCE = 14;

/** A 300 m square in Helsinki, some 7 000 km from the demo city. */
const HELSINKI_ESTATE = {
  type: 'Feature',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [24.94, 60.17],
        [24.945, 60.17],
        [24.945, 60.1727],
        [24.94, 60.1727],
        [24.94, 60.17],
      ],
    ],
  },
  properties: { name: 'Kallio test estate' },
};

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function camera(page: Page): Promise<{ lng: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __atlas: HookView }).__atlas;
    return { ...hook.map.getCenter(), zoom: hook.map.getZoom() };
  });
}

/** Waits until the camera has stopped and stayed put for a moment. */
async function cameraAtRest(page: Page): Promise<{ lng: number; lat: number; zoom: number }> {
  let last = '';
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(150);
    const moving = await page.evaluate(() => (window as unknown as { __atlas: HookView }).__atlas.map.isMoving());
    const now = JSON.stringify(await camera(page));
    if (!moving && now === last) return JSON.parse(now) as { lng: number; lat: number; zoom: number };
    last = now;
  }
  throw new Error('the camera kept moving for 9 s');
}

function share(pixels: readonly Rgb[], expected: Rgb): number {
  const close = (p: Rgb) => p.every((v, i) => Math.abs(v - (expected[i] ?? 0)) <= COLOUR_TOLERANCE);
  return pixels.filter(close).length / pixels.length;
}

const digits = (text: string | null) => (text ?? '').replace(/[^\d]/g, '');

describe.skipIf(skipBrowserTests)('the atlas filter and the map view', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page;
  let estates: EstateApiFeature[];
  let subdistricts: OutlinedSubdistrictCollection;
  let homeCamera: { lng: number; lat: number; zoom: number };

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    const created = await apiFetch(`${baseUrl}/api/estates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(HELSINKI_ESTATE),
    });
    if (created.status !== 201) throw new Error(`could not create the far-away estate: HTTP ${created.status} ${await created.text()}`);
    estates = (await getJson<EstateCollection>(`${baseUrl}/api/estates`)).features;
    subdistricts = await getJson<OutlinedSubdistrictCollection>(`${baseUrl}/api/subdistricts`);
    browser = await launchChromium();
    page = await openAtlasPage(browser, baseUrl);
    homeCamera = await cameraAtRest(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens on the demo city, not on the extent that takes in an estate 7 000 km away', async () => {
    expect(estates).toHaveLength(118);
    expect(homeCamera.zoom).toBeGreaterThan(11);
    expect(homeCamera.lng).toBeGreaterThan(109.2);
    expect(homeCamera.lng).toBeLessThan(109.6);
    expect(homeCamera.lat).toBeGreaterThan(24.1);
    expect(homeCamera.lat).toBeLessThan(24.5);
    await page.screenshot({ path: join(OUTPUT_DIR, 'filter-home-zh.png') });
  });

  it('frames every estate with "fit to data" and comes back with "whole city"', async () => {
    await page.getByTestId('view-all-data').click();
    const all = await cameraAtRest(page);
    expect(all.zoom).toBeLessThan(6);
    await page.getByTestId('view-whole-city').click();
    const back = await cameraAtRest(page);
    expect(Math.abs(back.zoom - homeCamera.zoom)).toBeLessThan(0.5);
    expect(Math.abs(back.lng - homeCamera.lng)).toBeLessThan(0.01);
  });

  it('frames a sub-district chosen in the sidebar', async () => {
    const chosen = subdistricts.features[0];
    if (!chosen) throw new Error('the demo city has no sub-district');
    await toggleSelectOption(page, 'subdistrict-filter', chosen.properties.name);
    const framed = await cameraAtRest(page);
    const [west, south, east, north] = bbox(chosen);
    expect(framed.lng).toBeGreaterThan(west);
    expect(framed.lng).toBeLessThan(east);
    expect(framed.lat).toBeGreaterThan(south);
    expect(framed.lat).toBeLessThan(north);
    expect(framed.zoom).toBeGreaterThan(homeCamera.zoom);
    const inside = estates.filter((f) => f.properties.subdistrictCode === chosen.properties.code);
    expect(digits(await page.getByTestId('summary-estates').textContent())).toBe(String(inside.length));
  });

  it('shows the sidebar sub-district in the ledger, and a ledger filter changes the summary strip and fades the map', async () => {
    // The kept estates are checked in their eligibility colours (the default colouring is the programme's stage).
    await chooseColouring(page, '是否纳入改造范围');
    await page.getByTestId('ledger-toggle').click();
    const count = page.getByTestId('ledger-count');
    await count.waitFor({ timeout: 10_000 });
    const chosen = subdistricts.features[0];
    const inside = estates.filter((f) => f.properties.subdistrictCode === chosen?.properties.code);
    expect(await count.textContent()).toContain(`${inside.length} / 118`);

    // Reset clears the one filter: the sidebar's sub-district goes with it, and the map goes home.
    await page.getByTestId('ledger-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-count"]')?.textContent?.includes('118 / 118'), null, {
      timeout: 5_000,
    });
    expect(digits(await page.getByTestId('summary-estates').textContent())).toBe('118');
    await cameraAtRest(page);

    const newer = estates.filter((f) => f.properties.yearBuilt !== null && f.properties.yearBuilt >= 2000);
    const households = newer.reduce((sum, f) => sum + (f.properties.households ?? 0), 0);
    await page.locator('input[data-testid="ledger-year-from"], [data-testid="ledger-year-from"] input').first().fill('2000');
    await page.waitForFunction((n) => document.querySelector('[data-testid="summary-estates"]')?.textContent === String(n), newer.length, {
      timeout: 5_000,
    });
    expect(digits(await page.getByTestId('summary-households').textContent())).toBe(String(households));
    expect(await count.textContent()).toContain(`${newer.length} / 118`);
    await cameraAtRest(page);

    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map element has no box');
    // The label point (far from the outline), not just any point inside: the outline is drawn in another colour.
    const onScreen = async (estate: EstateApiFeature) => {
      const [lng, lat] = polygonLabelPoint(estate.geometry);
      const [x, y] = await page.evaluate((ll) => (window as unknown as { __atlas: HookView }).__atlas.project(ll), [lng, lat] as [
        number,
        number,
      ]);
      return x > box.x + 20 && x < box.x + box.width - 20 && y > box.y + 20 && y < box.y + box.height - 20 ? ([x, y] as const) : null;
    };
    const largestFirst = (list: EstateApiFeature[]) => [...list].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2);
    const older = estates.filter((f) => f.properties.yearBuilt !== null && f.properties.yearBuilt < 2000);

    let fadedChecked = false;
    for (const estate of largestFirst(older).slice(0, 8)) {
      // Close enough that the estate is many pixels wide whatever room the ledger leaves the map, below the zoom of name labels.
      await page.evaluate(
        (center) => (window as unknown as { __atlas: HookView }).__atlas.map.jumpTo({ center, zoom: 16 }),
        polygonLabelPoint(estate.geometry),
      );
      await cameraAtRest(page);
      const at = await onScreen(estate);
      if (!at) continue;
      const pixels = await screenPixels(page, at[0], at[1], 1);
      expect(
        share(pixels, FADED_ON_LAND),
        `${estate.properties.name} (built ${estate.properties.yearBuilt}) should be faded, saw ${JSON.stringify(pixels.slice(0, 4))}`,
      ).toBeGreaterThanOrEqual(0.6);
      fadedChecked = true;
      break;
    }
    expect(fadedChecked, 'no estate built before 2000 on screen').toBe(true);

    let keptChecked = false;
    for (const estate of largestFirst(newer).slice(0, 8)) {
      const at = await onScreen(estate);
      if (!at) continue;
      const p = estate.properties;
      const status = p.urgent ? 'urgent' : p.eligible ? 'eligible' : 'notEligible';
      const pixels = await screenPixels(page, at[0], at[1]);
      expect(
        share(pixels, STATUS_ON_LAND[status]),
        `${p.name} should keep its ${status} colour, saw ${JSON.stringify(pixels.slice(0, 4))}`,
      ).toBeGreaterThanOrEqual(0.6);
      keptChecked = true;
      break;
    }
    expect(keptChecked, 'no estate built since 2000 on screen').toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'filter-ledger-zh.png') });
  });
});
