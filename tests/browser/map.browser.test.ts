/**
 * End-to-end check of the map page in headless Chromium: the estates are really drawn (the
 * pixel inside an estate has the estate's fill colour), clicking one opens its panel, clicking
 * empty map closes it, and switching to English relabels the UI.
 *
 * Needs a built client (`npx vite build`). Set ATLAS_TEST_URL to test an already running server
 * instead of starting one.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { EstateApiFeature, EstateCollection, OutlinedSubdistrictCollection } from '../../client/src/api/types';
import { blendOver, colourDifference, hexToRgb } from '../../core/colour';
import { ESTATE_FILL_ALPHA } from '../../core/palette-rules';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';
import { COLOUR_BY_OPTIONS, type MapTarget } from '../../client/src/map/map-types';
import {
  apiFetch,
  type AppUnderTest,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  skipBrowserTests,
  startAppUnderTest,
  screenPixels,
  chooseColouring,
  jumpTo,
  legendSwatchColour,
  shareOfColour,
  setViewportWithControls,
  settle,
} from './browser-helpers';
import { layoutProblemsWithin, SCREENSHOT_VIEWPORTS } from './layout-checks';

type Rgb = [number, number, number];

const LAND = hexToRgb(BASEMAP_COLOURS.land);

/** Per-channel difference allowed between the expected and the screenshot colour (blending, dithering). */
const COLOUR_TOLERANCE = 14;

/**
 * The design's estate fills by status (urgent #d7301f, eligible #f5922f, not eligible #7f97b2, as in
 * the legend) at opacity 215/255 over the basemap land #f3f0e8, worked out by hand:
 * channel = round(fill × 215/255 + land × 40/255).
 */
const EXPECTED_FILL_ON_LAND: Readonly<Record<'urgent' | 'eligible' | 'notEligible', Rgb>> = {
  urgent: [219, 78, 63],
  eligible: [245, 161, 76],
  notEligible: [145, 165, 186],
};

async function project(page: Page, lngLat: [number, number]): Promise<[number, number]> {
  return page.evaluate((ll) => {
    const hook = (window as unknown as { __atlas: { project(p: [number, number]): [number, number] } }).__atlas;
    return hook.project(ll);
  }, lngLat);
}

async function pick(page: Page, x: number, y: number): Promise<MapTarget | null> {
  return page.evaluate(
    ([px, py]) => {
      const hook = (window as unknown as { __atlas: { pick(x: number, y: number): MapTarget | null } }).__atlas;
      return hook.pick(px, py);
    },
    [x, y] as const,
  );
}

function close(a: Rgb, b: Rgb): boolean {
  return (
    Math.abs(a[0] - b[0]) <= COLOUR_TOLERANCE && Math.abs(a[1] - b[1]) <= COLOUR_TOLERANCE && Math.abs(a[2] - b[2]) <= COLOUR_TOLERANCE
  );
}

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe.skipIf(skipBrowserTests)('the map page', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page;
  let estates: EstateApiFeature[];

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    estates = (await getJson<EstateCollection>(`${baseUrl}/api/estates`)).features;
    browser = await launchChromium();
    page = await openAtlasPage(browser, baseUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the district summary from the API', async () => {
    const summary = await getJson<{ estates: number }>(`${baseUrl}/api/summary`);
    const shown = await page.getByTestId('summary-estates').textContent();
    expect(shown?.replace(/[^\d]/g, '')).toBe(String(summary.estates));
  });

  it('draws the largest urgent, eligible and not eligible estates in the design colours of their status', async () => {
    // The map opens coloured by the programme's stage (tests/browser/programme.browser.test.ts); eligibility is its own colouring.
    await chooseColouring(page, '是否纳入改造范围');
    await settle(page);
    const largest = (keep: (p: EstateApiFeature['properties']) => boolean) =>
      estates.filter((f) => keep(f.properties)).sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0];
    const samples = [
      ['urgent', largest((p) => p.urgent === true)],
      ['eligible', largest((p) => p.eligible && !p.urgent)],
      ['notEligible', largest((p) => !p.eligible)],
    ] as const;
    for (const [status, estate] of samples) {
      if (!estate) throw new Error(`the demo city has no ${status} estate`);
      const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
      const [x, y] = await project(page, [lng, lat]);
      const expected = EXPECTED_FILL_ON_LAND[status];
      const pixels = await screenPixels(page, x, y);
      const matching = pixels.filter((p) => close(p, expected)).length;
      expect(
        matching / pixels.length,
        `${estate.properties.name}: expected rgb(${expected.join(',')}), saw ${JSON.stringify(pixels.slice(0, 5))}`,
      ).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('draws an estate in its fill colour, opens its panel on click and closes it on empty map', async () => {
    expect(estates.length).toBeGreaterThan(0);
    // The largest estate leaves the most room around its interior point for labels and outlines.
    const estate = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0];
    if (!estate) throw new Error('no estate');
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    const [x, y] = await project(page, [lng, lat]);
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map element has no box');
    expect(x).toBeGreaterThan(box.x);
    expect(x).toBeLessThan(box.x + box.width);
    expect(y).toBeGreaterThan(box.y);
    expect(y).toBeLessThan(box.y + box.height);

    expect(await pick(page, x, y)).toEqual({ kind: 'estate', id: estate.id });

    const status = estate.properties.urgent ? 'urgent' : estate.properties.eligible ? 'eligible' : 'notEligible';
    const expected = EXPECTED_FILL_ON_LAND[status];
    const pixels = await screenPixels(page, x, y);
    const matching = pixels.filter((p) => close(p, expected)).length;
    expect(
      matching / pixels.length,
      `expected ${status} rgb(${expected.join(',')}) around (${x}, ${y}), saw ${JSON.stringify(pixels.slice(0, 5))}`,
    ).toBeGreaterThanOrEqual(0.6);

    await page.mouse.click(x, y);
    const name = page.getByTestId('estate-panel-name');
    // The panel's code is loaded on first open: on a CI machine busy with other test files that took over 10 s once.
    await name.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await name.textContent()).toBe(estate.properties.name);
    expect(await page.getByTestId('estate-field-code').textContent()).toBe(estate.properties.code);
    expect(await page.getByTestId('estate-land-area').textContent()).toMatch(/m².*亩/);
    await page.mouse.move(box.x + 5, box.y + 5);
    await settle(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'map-zh.png') });

    // An empty spot: the margin the fit leaves around the estates, where nothing is pickable.
    const candidates: [number, number][] = [
      [box.x + 12, box.y + box.height / 2],
      [box.x + box.width / 2, box.y + 12],
      [box.x + 12, box.y + 12],
      [box.x + 30, box.y + box.height - 60],
    ];
    let empty: [number, number] | null = null;
    for (const [cx, cy] of candidates) {
      if ((await pick(page, cx, cy)) === null) {
        empty = [cx, cy];
        break;
      }
    }
    if (!empty) throw new Error('found no empty spot on the map to click');
    await page.mouse.click(empty[0], empty[1]);
    await page.getByTestId('estate-panel-name').waitFor({ state: 'detached', timeout: 10_000 });

    // Leave the estate selected for the English screenshot (the map may have panned it clear of the panel).
    await settle(page);
    const [x2, y2] = await project(page, [lng, lat]);
    await page.mouse.click(x2, y2);
    await name.waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('asks the browser for no animation frames while nobody touches the map', async () => {
    await settle(page);
    const asked = await page.evaluate(async () => {
      // The last pointer or camera move keeps deck.gl's loop awake for half a second (deck-frames.ts).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      let count = 0;
      const original = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (callback) => {
        count += 1;
        return original(callback);
      };
      await new Promise((resolve) => setTimeout(resolve, 1000));
      window.requestAnimationFrame = original;
      return count;
    });
    expect(asked).toBe(0);
  });

  it('switches the interface to English', async () => {
    await page.getByTestId('lang-en').click();
    await page.getByText('Households', { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('app-title').textContent()).toBe('Renewal Atlas');
    const panel = page.getByTestId('estate-panel');
    expect(await panel.textContent()).toContain('Land area');
    expect(await panel.textContent()).toMatch(/m².*mu/);
    await page.mouse.move(5, 300);
    await settle(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'map-en.png') });
  });

  it('keeps header, summary, controls and legend text inside their boxes at 1280×800 and 1440×900', async () => {
    const overflowing: string[] = [];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1440, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForTimeout(200);
        const found = await page.evaluate(() => {
          const selectors = [
            '.atlas-title',
            '.atlas-stat-label',
            '.atlas-stat-value',
            '.atlas-section-title',
            '.atlas-layer-grid .ant-checkbox-label',
            '.atlas-legend-label',
            '.atlas-panel-name',
            '.ant-segmented-item-label',
          ];
          const bad: string[] = [];
          for (const el of document.querySelectorAll<HTMLElement>(selectors.join(','))) {
            if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) bad.push(el.textContent ?? '');
          }
          return bad;
        });
        overflowing.push(...found.map((text) => `${viewport.width}×${viewport.height} ${lang}: "${text}"`));
      }
    }
    expect(overflowing).toEqual([]);
  });

  it('shows every colouring as a choice, each whole and clickable, at 1440 × 900 and 1024 × 700 in Chinese and English', async () => {
    const group = '[data-testid="colour-by"]';
    for (const viewport of SCREENSHOT_VIEWPORTS) {
      await setViewportWithControls(page, viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.locator(group).scrollIntoViewIfNeeded();
        const where = `${viewport.width}×${viewport.height} ${lang}`;
        expect(await page.locator(`${group} .ant-radio-wrapper`).count(), where).toBe(COLOUR_BY_OPTIONS.length);
        await expect
          .poll(() => layoutProblemsWithin(page, group, ['.ant-radio-wrapper'], ['.ant-radio-label']), { message: where })
          .toEqual({ covered: [], cut: [], rawKeys: [] });
        await page.screenshot({ path: join(OUTPUT_DIR, `colour-by-${viewport.width}x${viewport.height}-${lang}.png`) });
      }
    }
  });
  it('names the sub-districts in view in the legend of the sub-district colouring, in the colours their estates are drawn, at both sizes in both languages', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('lang-zh').click();
    await chooseColouring(page, '所属街道');
    const subdistricts = (await getJson<OutlinedSubdistrictCollection>(`${baseUrl}/api/subdistricts`)).features.filter(
      (f) => f.properties.estates > 0,
    );
    const legend = page.getByTestId('estate-legend-subdistricts');
    const names = () => legend.locator('li:not([data-testid="estate-legend-subdistricts-count"])').allTextContents();

    // Close on the largest estate: its sub-district is named, in the colour the estate is drawn in, and not all are.
    const estate = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 17);
    await settle(page);
    const code = estate.properties.subdistrictCode!;
    await expect.poll(() => page.getByTestId(`estate-legend-${code}`).textContent()).toBe(estate.properties.subdistrict);
    expect((await names()).length).toBeLessThan(subdistricts.length);
    const swatch = await legendSwatchColour(page, `estate-legend-${code}`);
    // Below the estate's name, which is drawn at its label point.
    const [, south, , north] = bbox(estate);
    const below: [number, number] = [lng, lat - (north - south) * 0.25];
    expect(booleanPointInPolygon(below, estate)).toBe(true);
    const [x, y] = await project(page, below);
    expect(shareOfColour(await screenPixels(page, x, y), blendOver([...swatch, ESTATE_FILL_ALPHA], LAND))).toBeGreaterThanOrEqual(0.6);

    // The whole city: every sub-district that holds estates, each in its own colour (the demo city has seven).
    await page.getByTestId('view-all-data').click();
    await page.mouse.move(700, 500);
    await settle(page);
    await expect.poll(async () => (await names()).sort()).toEqual(subdistricts.map((f) => f.properties.name).sort());
    expect(await page.getByTestId('estate-legend-subdistricts-count').textContent()).toBe('视图内的街道已全部列出');
    const swatches = await Promise.all(subdistricts.map((f) => legendSwatchColour(page, `estate-legend-${f.properties.code}`)));
    expect(new Set(swatches.map((c) => c.join(','))).size).toBe(subdistricts.length);

    for (const viewport of SCREENSHOT_VIEWPORTS) {
      await setViewportWithControls(page, viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await legend.scrollIntoViewIfNeeded();
        const where = `${viewport.width}×${viewport.height} ${lang}`;
        await expect
          .poll(() => layoutProblemsWithin(page, '[data-testid="estate-legend"]', ['.atlas-legend-item'], ['.atlas-legend-label']), {
            message: where,
          })
          .toEqual({ covered: [], cut: [], rawKeys: [] });
        await page.screenshot({ path: join(OUTPUT_DIR, `subdistrict-legend-${viewport.width}x${viewport.height}-${lang}.png`) });
      }
    }
    await page.getByTestId('lang-zh').click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await chooseColouring(page, '改造状态（项目阶段）');
  }, 90_000);
  it('draws the zoom buttons over the estates deck.gl draws, not under them', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const estate = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 17);
    await settle(page);
    // Move the estate under the zoom-in button: pixels per degree from two projections.
    const button = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
    const [bx, by] = [button.x + button.width / 2, button.y + button.height / 2];
    const [ex, ey] = await project(page, [lng, lat]);
    const [eastX] = await project(page, [lng + 0.001, lat]);
    const [, northY] = await project(page, [lng, lat + 0.001]);
    await jumpTo(page, [lng + ((ex - bx) / (eastX - ex)) * 0.001, lat + ((ey - by) / (northY - ey)) * 0.001], 17);
    await settle(page);
    const [ux, uy] = await project(page, [lng, lat]);
    expect(Math.hypot(ux - bx, uy - by)).toBeLessThan(3);
    // The estate right of the button, in its fill …
    const fill = await screenPixels(page, button.x + button.width + 8, by, 1);
    expect(fill.every((p) => colourDifference(p, [255, 255, 255]) > 10)).toBe(true);
    // … and the button's own white corner above it.
    const corner = await screenPixels(page, button.x + 5, button.y + 5, 1);
    expect(
      corner.every((p) => colourDifference(p, [255, 255, 255]) < 3),
      JSON.stringify(corner),
    ).toBe(true);
  });
});
