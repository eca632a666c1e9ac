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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateCollection } from '../../client/src/api';
import type { CoverageResponse, SiteAnswer } from '../../core/contract/index';
import { FACILITY_CATALOGUE } from '../../core/facility-catalogue';
import {
  type AppUnderTest,
  apiFetch,
  getJson,
  jumpTo,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  project,
  shownCoverageGaps,
  skipBrowserTests,
  startAppUnderTest,
  chooseColouring,
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
    await chooseColouring(page, '生活圈缺项数');
    const legend = page.getByTestId('estate-legend');
    await legend.getByTestId('estate-legend-gaps-0').waitFor({ timeout: 30_000 });
    const text = (await legend.textContent()) ?? '';
    expect(text).toMatch(/缺 0 项：\d+ 个小区，[\d,]+ 户/);
    expect(text).not.toContain('legend.');
  });

  it('shows an under-served estate’s gaps, the same the API computes, and where they are measured from', async () => {
    const [lng = 0, lat = 0] = pointOnFeature(underServed).geometry.coordinates;
    await jumpTo(page, [lng, lat], 15.5, 600);
    const [x, y] = await project(page, [lng, lat]);
    await page.mouse.click(x, y);
    expect(await shownCoverageGaps(page)).toEqual([...expectedGaps].sort());
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
    expect(await shownCoverageGaps(page)).toEqual([...expectedStraightGaps].sort());
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-straight-zh-1440.png') });
    await page.getByTestId('coverage-model-panel').getByText('步行路网').click();
    await page.getByTestId('coverage-origin').getByText('沿道路步行距离', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await shownCoverageGaps(page)).toEqual([...expectedGaps].sort());
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
    await expect
      .poll(async () => (await page.getByTestId('whatif-newly').textContent()) ?? '', { timeout: 30_000 })
      .toContain(underServed.properties.name);
    // The city figure for the same type: the estate's households now reach one (and its neighbours' may too).
    await expect.poll(coveredHouseholds, { timeout: 30_000 }).toBeGreaterThanOrEqual(coveredBefore + underServed.properties.households!);
    await page.mouse.move(5, 300);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-whatif-zh-1440.png') });
    expect((await getJson<{ features: unknown[] }>(`${app.url}/api/facilities`)).features.length).toBe(storedBefore);
    await page.getByTestId('whatif-clear').click();
    await page.getByTestId(`coverage-gap-${tryType}`).waitFor({ state: 'attached', timeout: 30_000 });
    expect(await shownCoverageGaps(page)).toEqual([...expectedGaps].sort());
  });

  it('downloads the estate’s gap report as CSV, one row per gap', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('gap-report-estate').getByTestId('gap-report-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^生活圈缺项清单_小区\d+_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(1 + expectedGaps.length);
    expect(lines.slice(1).every((line) => line.startsWith(`${underServed.id},`))).toBe(true);
  });

  it('colours estates by the reach of one type, the bands counting what the API computes', async () => {
    const type = expectedGaps[0]!;
    const city = await getJson<CoverageResponse>(`${app.url}/api/coverage?scope=city&model=network`);
    const within = city.estates.filter((e) => e.types[type as keyof typeof e.types]?.covered).length;
    await chooseColouring(page, '某类设施可达性');
    await page.getByTestId('reach-type').click();
    await page.keyboard.type(FACILITY_CATALOGUE.find((t) => t.id === type)!.nameZh);
    await page.keyboard.press('Enter');
    const band = page.getByTestId('estate-legend-reach-within');
    await expect.poll(async () => (await band.textContent()) ?? '', { timeout: 30_000 }).toContain(`${within} 个小区`);
    const shares = page.getByTestId('coverage-summary-city');
    expect(await shares.getByTestId('coverage-tier-share-5min').textContent()).toMatch(/5分钟生活圈：[\d,]+ \/ [\d,]+ 户/);
    await page.mouse.move(5, 500);
    const cut = await layoutProblems(
      page,
      ['[data-testid="sites-run"]'],
      ['[data-testid="estate-legend"] .atlas-legend-label', '[data-testid="coverage-summary-city"] li'],
    );
    expect([...cut.cut, ...cut.rawKeys]).toEqual([]);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-reach-zh-1440.png') });
    // Where to add one: the sites the API suggests, tried on the map, bring the estates they name within reach.
    const sites = await getJson<SiteAnswer>(`${app.url}/api/coverage/sites?type=${type}&k=3&model=network`);
    await page.getByTestId('sites-type').click();
    await page.keyboard.type(FACILITY_CATALOGUE.find((t) => t.id === type)!.nameZh);
    await page.keyboard.press('Enter');
    await page.getByTestId('sites-run').click();
    await page.getByTestId('sites-list').waitFor({ timeout: 60_000 });
    const picks = await page.getByTestId('sites-list').locator('li').allTextContents();
    expect(picks.map((text) => Number(text.match(/新增覆盖 ([\d,]+) 户/)?.[1]?.replace(/,/g, '')))).toEqual(
      sites.sites.map((site) => site.households),
    );
    const newlyCovered = sites.sites.reduce((sum, site) => sum + site.estateIds.length, 0);
    await page.getByTestId('sites-try').click();
    await expect.poll(async () => (await band.textContent()) ?? '', { timeout: 60_000 }).toContain(`${within + newlyCovered} 个小区`);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-sites-zh-1440.png') });
    await chooseColouring(page, '生活圈缺项数');
  });

  it('shows a zone’s pooled gaps and the members still short, as the API pools them', async () => {
    const neighbours = (await getJson<EstateCollection>(`${app.url}/api/estates`)).features
      .filter((f) => f.id !== underServed.id)
      .slice(0, 3);
    const made = await apiFetch(`${app.url}/api/zones`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '生活圈测试片区', estateIds: neighbours.map((f) => f.id), splitReason: 'coverage browser test' }),
    });
    expect(made.status).toBe(201);
    const zone = (await made.json()) as { id: number };
    const pooled = await getJson<CoverageResponse>(`${app.url}/api/coverage?scope=zone&id=${zone.id}&model=network`);
    await page.reload();
    await page.getByTestId('zones-toggle').click();
    await page.getByTestId(`zone-list-item-${zone.id}`).click();
    const section = page.getByTestId('zone-coverage');
    await section.getByTestId('zone-gap-count').waitFor({ timeout: 60_000 });
    const shown = await section
      .locator('[data-testid^="coverage-gap-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.replace('coverage-gap-', '')));
    expect(shown.sort()).toEqual([...pooled.zone!.gaps].sort());
    const short = pooled.estates.filter((e) => e.gaps.length > 0).map((e) => `zone-member-gaps-${e.id}`);
    const listed = await section
      .locator('[data-testid^="zone-member-gaps-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(listed.sort()).toEqual(short.sort());
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-zone-zh-1440.png') });
    await page.getByTestId('zones-toggle').click();
    // Back to the under-served estate for the layout check (the zone drawer gone first).
    await page.getByTestId('zone-coverage').waitFor({ state: 'detached' });
    const [lng = 0, lat = 0] = pointOnFeature(underServed).geometry.coordinates;
    await jumpTo(page, [lng, lat], 15.5, 600);
    const [x, y] = await project(page, [lng, lat]);
    await page.mouse.click(x, y);
    await page.getByTestId('estate-coverage').getByTestId('coverage-gap-count').waitFor({ timeout: 60_000 });
  }, 120_000);

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
