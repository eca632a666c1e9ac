/**
 * Life-circle coverage in headless Chromium, as a designer: the map coloured by the number of gaps
 * with a legend of estates and households per band; an under-served estate selected shows the
 * same gaps GET /api/coverage gives (the browser computes them in a Web Worker), where they were
 * measured from, and rings and lines on the map. Screenshots at 1440 × 900 and 1024 × 700 in
 * Chinese and English.
 *
 * Needs a built client (`npx vite build`).
 */
import { pointOnFeature } from '@turf/turf';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateCollection } from '../../client/src/api';
import type { CoverageResponse } from '../../core/contract/index';
import {
  type AppUnderTest,
  getJson,
  jumpTo,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  project,
  skipBrowserTests,
  startAppUnderTest,
} from './browser-helpers';
import { layoutProblems } from './layout-checks';

describe.skipIf(skipBrowserTests)('life-circle coverage in the browser', () => {
  let app: AppUnderTest;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let underServed: EstateApiFeature;
  let expectedGaps: string[];
  let expectedStraightGaps: string[];

  beforeAll(async () => {
    app = await startAppUnderTest();
    browser = await launchChromium();
    const coverage = await getJson<CoverageResponse>(`${app.url}/api/coverage?scope=city&model=network`);
    // The estate with the most gaps that still has some facility of each missing type within reach of the search.
    const ranked = [...coverage.estates].sort((a, b) => b.gaps.length - a.gaps.length || a.id - b.id);
    const chosen = ranked.find((e) => e.gaps.length > 0 && e.gaps.length < 23);
    if (!chosen) throw new Error('the demo city has no under-served estate');
    expectedGaps = chosen.gaps;
    const straight = await getJson<CoverageResponse>(`${app.url}/api/coverage?scope=estate&id=${chosen.id}&model=euclidean`);
    expectedStraightGaps = straight.estates[0]!.gaps;
    const estates = await getJson<EstateCollection>(`${app.url}/api/estates`);
    underServed = estates.features.find((f) => f.id === chosen.id)!;
    page = await openAtlasPage(browser, app.url, pageErrors, { as: 'designer' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('colours estates by their number of gaps, with estates and households per band', async () => {
    await page.getByTestId('colour-by').click();
    await page.getByText('生活圈缺项数', { exact: true }).click();
    const legend = page.getByTestId('estate-legend');
    await legend.getByTestId('estate-legend-gaps-0').waitFor({ timeout: 30_000 });
    const text = (await legend.textContent()) ?? '';
    expect(text).toMatch(/缺 0 项：\d+ 个小区，[\d,]+ 户/);
    expect(text).not.toContain('legend.');
  });

  async function shownGaps(): Promise<string[]> {
    const section = page.getByTestId('estate-coverage');
    await section.getByTestId('coverage-gap-count').waitFor({ timeout: 30_000 });
    const ids = await section
      .locator('[data-testid^="coverage-gap-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.replace('coverage-gap-', '')).filter((id) => id !== 'count'));
    return ids.sort();
  }

  it('shows an under-served estate’s gaps, the same the API computes, and where they are measured from', async () => {
    const [lng = 0, lat = 0] = pointOnFeature(underServed).geometry.coordinates;
    await jumpTo(page, [lng, lat], 15.5, 600);
    const [x, y] = await project(page, [lng, lat]);
    await page.mouse.click(x, y);
    expect(await shownGaps()).toEqual([...expectedGaps].sort());
    const origin = page.getByTestId('coverage-origin');
    expect(await origin.textContent()).toContain('从小区边界量起');
    expect(await origin.textContent()).toContain('沿道路步行距离');
    await page.mouse.move(5, 300);
    await page.waitForTimeout(400);
    expect(pageErrors).toEqual([]);
  });

  it('switches to straight-line distances and back, the gaps following the API', async () => {
    await page.getByTestId('coverage-model-panel').getByText('直线距离').click();
    await page.getByTestId('coverage-origin').getByText('直线距离', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await shownGaps()).toEqual([...expectedStraightGaps].sort());
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-straight-zh-1440.png') });
    await page.getByTestId('coverage-model-panel').getByText('步行路网').click();
    await page.getByTestId('coverage-origin').getByText('沿道路步行距离', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await shownGaps()).toEqual([...expectedGaps].sort());
  });

  it('tries a facility where an estate lacks one: the gap closes and the city figure rises, and nothing is saved', async () => {
    const tryType = expectedGaps[0]!;
    const storedBefore = (await getJson<{ features: unknown[] }>(`${app.url}/api/facilities`)).features.length;
    const share = page.getByTestId('whatif-city-share');
    const coveredHouseholds = async () =>
      Number(((await share.textContent()) ?? '').match(/覆盖 ([\d,]+) \//)?.[1]?.replace(/,/g, '') ?? NaN);
    const coveredBefore = await coveredHouseholds();
    expect(coveredBefore).not.toBeNaN();
    await page.getByTestId('whatif-place').click();
    // Inside the estate: a facility there serves it at 0 m.
    const [lng = 0, lat = 0] = pointOnFeature(underServed).geometry.coordinates;
    const [x, y] = await project(page, [lng, lat]);
    await page.mouse.click(x, y);
    await page.getByTestId(`coverage-gap-${tryType}`).waitFor({ state: 'detached', timeout: 30_000 });
    expect(await page.getByTestId('whatif-count').textContent()).toContain('1');
    // The city figure for the same type: the estate's households now reach one (and its neighbours' may too).
    await expect.poll(coveredHouseholds, { timeout: 30_000 }).toBeGreaterThanOrEqual(coveredBefore + underServed.properties.households!);
    await page.mouse.move(5, 300);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-whatif-zh-1440.png') });
    expect((await getJson<{ features: unknown[] }>(`${app.url}/api/facilities`)).features.length).toBe(storedBefore);
    await page.getByTestId('whatif-clear').click();
    await page.getByTestId(`coverage-gap-${tryType}`).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await shownGaps()).toEqual([...expectedGaps].sort());
  });

  it('lays out the coverage panel and legend without cut or covered text, in Chinese and English', async () => {
    const problems: string[] = [];
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await page.waitForTimeout(400);
        const found = await layoutProblems(
          page,
          ['[data-testid="estate-coverage"] .ant-tag'],
          ['.coverage-gap-name', '.coverage-gap-distance', '.coverage-tier-title', '.atlas-legend-label'],
        );
        problems.push(
          ...[...found.covered, ...found.cut, ...found.rawKeys].map((p) => `${viewport.width}×${viewport.height} ${lang}: ${p}`),
        );
        await page.screenshot({ path: join(OUTPUT_DIR, `coverage-${lang}-${viewport.width}.png`) });
      }
    }
    expect(problems).toEqual([]);
    expect(await page.getByTestId('coverage-origin').textContent()).toContain('Measured from the estate boundary');
  });
});
