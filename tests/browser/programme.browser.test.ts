/**
 * The programme in headless Chromium: a planner records progress for an estate and a leader's page,
 * open elsewhere, recolours that estate and updates the KPI without a reload (SSE over
 * LISTEN/NOTIFY); the time slider goes back and the figures are the API's for that date; a click
 * on a sub-district bar filters the map and the charts; the period report downloads and reads back
 * with the dashboard's figures. Screenshots at 1440 × 900 and 1024 × 700 in both languages, and the
 * printed dashboard as PDF.
 *
 * Needs a built client (`npx vite build`).
 */
import { polygonLabelPoint } from '../../core/geometry/label-points';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateCollection } from '../../client/src/api';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';
import { blendOver, colourDifference, hexToRgb } from '../../core/colour';
import { filledOnLand } from '../../core/palette-rules';
import { DEFAULT_STAGE_CATALOGUE } from '../../core/programme/stages';
import type { DashboardAnswer } from '../../core/contract/index';
import { calendarDate } from '../../core/programme/progress-history';
import {
  type AppUnderTest,
  closeModal,
  getJson,
  jumpTo,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  postJson,
  project,
  screenPixels,
  skipBrowserTests,
  startAppUnderTest,
  chooseSelectOption,
} from './browser-helpers';
import { layoutProblems } from './layout-checks';

type LngLat = [number, number];

const digits = (text: string | null): number => Number((text ?? '').replace(/[^\d]/g, ''));

describe.skipIf(skipBrowserTests)('the renovation programme in the browser', () => {
  let app: AppUnderTest;
  let browser: Browser;
  let leader: Page;
  let planner: Page;
  const pageErrors: string[] = [];
  let estates: EstateCollection;

  const dashboardApi = (query = '') => getJson<DashboardAnswer>(`${app.url}/api/dashboard${query}`);

  beforeAll(async () => {
    app = await startAppUnderTest();
    browser = await launchChromium();
    estates = await getJson<EstateCollection>(`${app.url}/api/estates`);
    leader = await openAtlasPage(browser, app.url, pageErrors, { as: 'leader' });
    planner = await openAtlasPage(browser, app.url, pageErrors, { as: 'planner' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The first "started" figure of the leader's KPI card. */
  const startedKpi = async (page: Page) => digits(await page.getByTestId('kpi-started').locator('.programme-kpi-value').textContent());

  it('opens on the dashboard for a leader, with the map coloured by stage and the API’s figures', async () => {
    await leader.getByTestId('dashboard-body').waitFor({ timeout: 30_000 });
    const answer = await dashboardApi();
    expect(await startedKpi(leader)).toBe(answer.started.estates);
    const construction = answer.byStage.find((s) => s.stage === 'construction')!;
    expect(await leader.getByTestId('estate-legend-stage-construction').textContent()).toContain(String(construction.estates));
    expect(pageErrors).toEqual([]);
  });

  it('shows a planner’s progress entry on the leader’s open page without a reload: colour and KPI', async () => {
    const before = await dashboardApi();
    // The largest estate outside the programme: many pixels wide at a zoom below the name labels.
    const outside = new Set(before.estates.filter((e) => e.stage === 'not_in_programme').map((e) => e.estateId));
    const estate = estates.features.filter((f) => outside.has(f.id)).sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    const fresh = before.estates.find((e) => e.estateId === estate.id)!;
    const centre = polygonLabelPoint(estate.geometry) as LngLat;
    // The planner finds the estate on the map and records that works started today.
    await jumpTo(planner, centre, 16, 600);
    const [px, py] = await project(planner, centre);
    await planner.mouse.click(px, py);
    await planner.getByTestId('progress-section').waitFor();
    await planner.getByTestId('progress-record').click();
    await chooseSelectOption(planner, planner.getByTestId('progress-stage'), '施工');
    await planner.getByTestId('progress-pct').fill('15');
    await planner.getByTestId('progress-note').fill('浏览器测试：进场施工');
    await planner.getByTestId('progress-save').click();
    await planner.getByTestId('progress-form').waitFor({ state: 'detached', timeout: 10_000 });

    // The leader's page follows by itself.
    await leader.waitForFunction(
      (n) =>
        (document.querySelector('[data-testid="kpi-started"] .programme-kpi-value')?.textContent ?? '').replace(/[^\d]/g, '') === String(n),
      before.started.estates + 1,
      { timeout: 15_000 },
    );
    const after = await dashboardApi();
    expect(after.estates.find((e) => e.estateId === fresh.estateId)).toMatchObject({
      stage: 'construction',
      progressPct: 15,
      since: calendarDate(new Date()),
    });
    await jumpTo(leader, centre, 16, 800);
    const [lx, ly] = await project(leader, centre);
    const pixels = await screenPixels(leader, lx, ly, 2);
    const expected = filledOnLand(DEFAULT_STAGE_CATALOGUE.definition('construction').colour);
    const near = pixels.filter((p) => colourDifference(p, expected) < 8).length;
    expect(near / pixels.length, `saw ${JSON.stringify(pixels.slice(0, 3))}, expected ${JSON.stringify(expected)}`).toBeGreaterThanOrEqual(
      0.6,
    );
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('replays an earlier date: the slider back to the start shows the figures of that day', async () => {
    const handle = leader.locator('.programme-replay-slider .ant-slider-handle');
    // While the day's figures load, the title shows a loading mark, gone when they arrive.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await leader.route('**/api/dashboard?**', async (route) => {
      await released;
      await route.continue().catch(() => undefined);
    });
    await handle.focus();
    await leader.keyboard.press('Home');
    const loading = leader.getByTestId('dashboard-loading');
    await loading.waitFor({ state: 'visible', timeout: 10_000 });
    await leader.locator('.programme-drawer .ant-drawer-header').screenshot({ path: join(OUTPUT_DIR, 'programme-loading.png') });
    release();
    await leader.unroute('**/api/dashboard?**');
    await loading.waitFor({ state: 'hidden', timeout: 15_000 });
    await leader.waitForFunction(() => document.querySelector('[data-testid="dashboard-body"]')?.getAttribute('data-as-of') !== null, null);
    const asOf = (await leader.getByTestId('replay-date').textContent())!.trim();
    await leader.waitForFunction(
      (date) => document.querySelector('[data-testid="dashboard-body"]')?.getAttribute('data-as-of') === date,
      asOf,
      { timeout: 15_000 },
    );
    const then = await dashboardApi(`?asOf=${asOf}`);
    expect(await startedKpi(leader)).toBe(then.started.estates);
    expect(then.started.estates).toBeLessThan((await dashboardApi()).started.estates);
    const reserve = then.byStage.find((s) => s.stage === 'reserve')!;
    expect(await leader.getByTestId('estate-legend-stage-reserve').textContent()).toContain(String(reserve.estates));
    // A few steps on with the keyboard: a later date, more started.
    for (let i = 0; i < 40; i += 1) await leader.keyboard.press('ArrowRight');
    const later = (await leader.getByTestId('replay-date').textContent())!.trim();
    await leader.waitForFunction(
      (date) => document.querySelector('[data-testid="dashboard-body"]')?.getAttribute('data-as-of') === date,
      later,
      { timeout: 15_000 },
    );
    expect(await startedKpi(leader)).toBe((await dashboardApi(`?asOf=${later}`)).started.estates);
    await leader.getByTestId('replay-live').click();
    await leader.waitForFunction(
      (date) => document.querySelector('[data-testid="dashboard-body"]')?.getAttribute('data-as-of') === date,
      calendarDate(new Date()),
      { timeout: 15_000 },
    );
  }, 60_000);

  it('filters the map and every chart by a click on a sub-district bar', async () => {
    const answer = await dashboardApi();
    const rows = answer.bySubdistrict.filter((r) => r.code !== null);
    const index = rows.findIndex((r) => r.started > 0);
    const code = rows[index]!.code!;
    const chart = leader.getByTestId('chart-subdistricts');
    const filterShown = leader.getByTestId('subdistrict-filter');
    // A click while the chart redraws (the page follows the planner's entry of an earlier test) can
    // be lost: whether it took is read back in the sub-district filter, and the bar clicked again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      // The middle of the "started" bar (series 1) of that sub-district, as ECharts places it.
      const point = await chart.evaluate(
        (el, i) => (el as HTMLElement & { chartBarCentre(s: number, d: number): number[] | null }).chartBarCentre(1, i),
        index,
      );
      await leader.mouse.click(box.x + point![0]!, box.y + point![1]!);
      const took = await expect
        .poll(() => filterShown.textContent(), { timeout: 5_000 })
        .toContain(answer.subdistrictNames[code]!)
        .then(
          () => true,
          () => false,
        );
      if (took) break;
    }
    const filtered = await dashboardApi(`?subdistrict=${code}`);
    await leader.waitForFunction(
      (n) =>
        (document.querySelector('[data-testid="kpi-started"] .programme-kpi-value')?.textContent ?? '').replace(/[^\d]/g, '') === String(n),
      filtered.started.estates,
      { timeout: 15_000 },
    );
    expect(filtered.started.estates).toBeLessThan(answer.started.estates);
    // The left panel's sub-district filter now holds it (one filter for map, ledger and dashboard).
    expect(await leader.getByTestId('subdistrict-filter').textContent()).toContain(answer.subdistrictNames[code]!);
    // An estate of another sub-district is drawn faded.
    const other = estates.features
      .filter((f) => f.properties.subdistrictCode !== code)
      .sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    const centre = polygonLabelPoint(other.geometry) as LngLat;
    await jumpTo(leader, centre, 16, 800);
    const [x, y] = await project(leader, centre);
    const faded = blendOver([160, 166, 176, 70], hexToRgb(BASEMAP_COLOURS.land));
    const pixels = await screenPixels(leader, x, y, 2);
    expect(pixels.filter((p) => colourDifference(p, faded) < 8).length / pixels.length).toBeGreaterThanOrEqual(0.6);
    await leader.getByTestId('programme-filter-clear').click();
  }, 60_000);

  it('exports the period report, which reads back with the dashboard’s figures', async () => {
    await leader.getByTestId('programme-filter-clear').click();
    await leader.waitForFunction(
      (n) =>
        (document.querySelector('[data-testid="kpi-started"] .programme-kpi-value')?.textContent ?? '').replace(/[^\d]/g, '') === String(n),
      (await dashboardApi()).started.estates,
      { timeout: 15_000 },
    );
    const download = leader.waitForEvent('download');
    await leader.getByTestId('period-report').click();
    await leader.getByTestId('programme-file-report').click();
    const file = await download;
    const path = join(OUTPUT_DIR, 'programme-period-report.xlsx');
    await file.saveAs(path);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '总表 Totals',
      '分街道 By sub-district',
      '小区清单 Estates',
      '本期变化 Changes',
    ]);
    const totals = new Map<string, unknown>();
    workbook.getWorksheet('总表 Totals')!.eachRow((row, n) => {
      if (n > 2) totals.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    const answer = await dashboardApi();
    expect(totals.get('已开工小区 Estates started')).toBe(answer.started.estates);
    expect(totals.get('已竣工户数 Households completed')).toBe(answer.completed.households);
    expect(totals.get('开工率（按小区，%） Start rate by estates (%)')).toBe(Math.round(answer.startRate.byEstates! * 1000) / 10);
    const listed = workbook.getWorksheet('小区清单 Estates')!.rowCount - 2;
    expect(listed).toBe(answer.estates.filter((e) => e.stage !== 'not_in_programme' || e.planYear !== null).length);
  });

  it('switches the reporting period to a month on screen: the changes list follows the API’s month', async () => {
    await leader.getByTestId('lang-zh').click();
    const monthly = await dashboardApi('?period=month');
    const changes = leader.getByTestId('programme-changes');
    await changes.scrollIntoViewIfNeeded();
    await changes.getByTestId('changes-period').getByText('月', { exact: true }).click();
    await changes.locator('.programme-chart-title').getByText(`${monthly.period.from}`, { exact: false }).waitFor({ timeout: 10_000 });
    const title = (await changes.locator('.programme-chart-title').textContent()) ?? '';
    expect(title).toContain(monthly.period.from);
    expect(digits(title.split(/[:：]/).at(-1) ?? '')).toBe(monthly.changes.length);
    expect(await changes.locator('.programme-change-list li').count()).toBe(Math.min(30, monthly.changes.length));
    await changes.getByTestId('changes-period').getByText('半月', { exact: true }).click();
    const halfMonthly = await dashboardApi('?period=half_month');
    await changes.locator('.programme-chart-title').getByText(halfMonthly.period.to, { exact: false }).waitFor({ timeout: 10_000 });
    expect(pageErrors).toEqual([]);
  });

  it('keeps a planner’s renovation item and plan target, and the leader’s dashboard follows', async () => {
    const answer = await dashboardApi();
    const target = answer.estates.find((e) => e.stage === 'construction' && e.planYear === answer.year)!;
    const estate = estates.features.find((f) => f.id === target.estateId)!;
    const centre = polygonLabelPoint(estate.geometry) as LngLat;
    await jumpTo(planner, centre, 16, 600);
    const [x, y] = await project(planner, centre);
    await planner.mouse.click(x, y);
    const items = planner.getByTestId('project-items');
    await items.waitFor();
    await items.getByTestId('item-type').click();
    await planner.keyboard.type('加装电梯');
    await planner.locator('.ant-select-dropdown:visible').getByText('加装电梯', { exact: true }).click();
    await items.getByTestId('item-quantity').fill('2');
    await items.getByTestId('item-cost').fill('120');
    await items.getByTestId('item-add').click();
    await planner.waitForFunction(
      () => document.querySelector('[data-testid="project-items"]')?.textContent?.includes('120.0 万元') ?? false,
      null,
      { timeout: 10_000 },
    );
    const stored = await getJson<{ itemType: string; quantity: number; estimatedCostYuan: number }[]>(
      `${app.url}/api/items?estateId=${estate.id}`,
    );
    expect(stored.filter((i) => i.itemType === 'lift_installation' && i.quantity === 2 && i.estimatedCostYuan === 1_200_000)).toHaveLength(
      1,
    );
    // The leader's investment card follows by itself.
    const after = await dashboardApi();
    expect(after.investment.plannedYuan).toBeCloseTo(answer.investment.plannedYuan + 1_200_000, 2);
    const planned = `${(after.investment.plannedYuan / 1e4).toLocaleString('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} 万元`;
    await leader.waitForFunction(
      (text) => document.querySelector('[data-testid="kpi-investment"]')?.textContent?.includes(text) ?? false,
      planned,
      { timeout: 15_000 },
    );

    // The year's plan: a new target, saved from the dashboard, read back from the API.
    await planner.getByTestId('dashboard-toggle').click();
    await planner.getByTestId('plan-open').click();
    const targetInput = planner.getByTestId('plan-targetEstates');
    await targetInput.waitFor();
    await targetInput.fill('44');
    await planner.getByTestId('plan-save').click();
    await planner.getByText('年度计划已保存').waitFor({ timeout: 10_000 });
    const plans = await getJson<{ year: number; targetEstates: number | null }[]>(`${app.url}/api/plans`);
    expect(plans.find((p) => p.year === answer.year)?.targetEstates).toBe(44);
    await leader.waitForFunction(
      () => document.querySelector('[data-testid="kpi-start-rate"]')?.textContent?.includes('目标 44') ?? false,
      null,
      { timeout: 15_000 },
    );
    await planner.screenshot({ path: join(OUTPUT_DIR, 'programme-plan-zh-1280.png') });
    await closeModal(planner, 'plan-save');
    await planner.getByTestId('dashboard-toggle').click();
  }, 90_000);

  it('lays out the dashboard and the progress form without cut or covered text, in Chinese and English, and prints', async () => {
    const problems: string[] = [];
    const fresh = (await dashboardApi()).estates.find((e) => e.stage === 'construction')!;
    const estate = estates.features.find((f) => f.id === fresh.estateId)!;
    const centre = polygonLabelPoint(estate.geometry) as LngLat;
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await leader.setViewportSize(viewport);
      await planner.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        for (const page of [leader, planner]) {
          await page.getByTestId(`lang-${lang}`).click();
          await page.waitForTimeout(300);
        }
        await leader.waitForTimeout(600);
        const found = await layoutProblems(
          leader,
          ['[data-testid="period-report"]', '[data-testid="replay-play"]'],
          ['.programme-kpi-label', '.programme-chart-title', '.atlas-legend-label'],
        );
        await jumpTo(planner, centre, 16, 600);
        const [x, y] = await project(planner, centre);
        await planner.mouse.click(x, y);
        await planner.getByTestId('progress-record').click();
        const form = await layoutProblems(
          planner,
          ['[data-testid="progress-save"]', '[data-testid="progress-stage"]'],
          ['.programme-history li'],
        );
        problems.push(
          ...[...found.covered, ...found.cut, ...found.rawKeys, ...form.covered, ...form.cut, ...form.rawKeys].map(
            (p) => `${viewport.width}×${viewport.height} ${lang}: ${p}`,
          ),
        );
        await leader.screenshot({ path: join(OUTPUT_DIR, `programme-dashboard-${lang}-${viewport.width}.png`) });
        await planner.screenshot({ path: join(OUTPUT_DIR, `programme-progress-${lang}-${viewport.width}.png`) });
        await planner.getByTestId('progress-cancel').click();
      }
    }
    expect(problems).toEqual([]);
    await leader.getByTestId('lang-zh').click();
    await leader.setViewportSize({ width: 1440, height: 900 });
    await leader.emulateMedia({ media: 'print' });
    const pdf = await leader.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(join(OUTPUT_DIR, 'programme-dashboard-print.pdf'), pdf);
    // The charts flow onto further pages instead of being cut at the window's height.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    await leader.emulateMedia({ media: 'screen' });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('records progress for a whole zone in one entry and keeps the zone’s funding, which the dashboard counts once', async () => {
    const { suggestions } = await postJson<{ suggestions: { estateIds: number[] }[] }>(`${app.url}/api/zones/suggest`, {});
    const members = [...suggestions].sort((a, b) => a.estateIds.length - b.estateIds.length)[0]!.estateIds;
    const zone = await postJson<{ id: number; properties: { name: string } }>(`${app.url}/api/zones`, {
      name: '进度测试片区',
      estateIds: members,
    });
    const before = await dashboardApi();
    await planner.setViewportSize({ width: 1440, height: 900 });
    await planner.getByTestId('lang-zh').click();
    // An estate's panel left open by an earlier test would cover the zone list.
    const estateClose = planner.locator('.atlas-estate-drawer .ant-drawer-close');
    if (await estateClose.isVisible()) await estateClose.click();
    await planner.getByTestId('zones-toggle').click();
    await planner.getByTestId(`zone-list-item-${zone.id}`).click();
    const section = planner.getByTestId('zone-programme');
    await section.waitFor();
    await section.getByTestId('zone-progress-record').click();
    await chooseSelectOption(planner, section.getByTestId('progress-stage'), '移交管理');
    await section.getByTestId('progress-pct').fill('100');
    await section.getByTestId('progress-save').click();
    await section.getByTestId('progress-form').waitFor({ state: 'detached', timeout: 10_000 });
    // Every member got the entry; the zone's stage (its least advanced member's) follows on screen.
    const after = await dashboardApi();
    expect(after.estates.filter((e) => members.includes(e.estateId)).map((e) => e.stage)).toEqual(members.map(() => 'handed_over'));
    await section.getByTestId('zone-stage-tag').getByText('移交管理', { exact: false }).waitFor({ timeout: 10_000 });

    // The zone's own funding row counts once for the whole, spread over the members by households.
    await chooseSelectOption(planner, section.getByTestId('funding-source'), '中央补助资金');
    await section.getByTestId('funding-planned').fill('100');
    await section.getByTestId('funding-add').click();
    await section.getByTestId('project-funding').locator('li').first().waitFor();
    const rows = await getJson<{ zoneId: number; plannedYuan: number }[]>(`${app.url}/api/funding?zoneId=${zone.id}`);
    expect(rows.map((r) => [r.zoneId, r.plannedYuan])).toEqual([[zone.id, 1_000_000]]);
    const funded = await dashboardApi();
    const central = (a: DashboardAnswer) => a.funding.find((f) => f.source === 'central_subsidy')?.plannedYuan ?? 0;
    expect(central(funded) - central(before)).toBeCloseTo(1_000_000, 0);

    // The zone joins a plan whole: every member in the chosen batch.
    const plans = await getJson<{ year: number; estates: { estateId: number }[] }[]>(`${app.url}/api/plans`);
    const plannedIn = new Set(plans.filter((p) => p.estates.some((e) => members.includes(e.estateId))).map((p) => p.year));
    if (plannedIn.size <= 1) {
      const year = [...plannedIn][0] ?? Number(calendarDate(new Date()).slice(0, 4));
      await planner.getByTestId('zones-toggle').click();
      await planner.getByTestId('dashboard-toggle').click();
      await planner.getByTestId('plan-open').click();
      await planner.getByTestId('plan-year').click();
      const option = (text: string) =>
        planner.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
      await option(String(year)).click();
      await planner.getByTestId('plan-add-zone').click();
      await option('进度测试片区').click();
      await planner.getByTestId('plan-save').click();
      await planner.getByText('年度计划已保存').waitFor({ timeout: 10_000 });
      const saved = (await getJson<{ year: number; estates: { estateId: number }[] }[]>(`${app.url}/api/plans`)).find(
        (p) => p.year === year,
      )!;
      expect(members.every((id) => saved.estates.some((e) => e.estateId === id))).toBe(true);
      await closeModal(planner, 'plan-save');
      await planner.getByTestId('dashboard-toggle').click();
      await planner.getByTestId('zones-toggle').click();
      await planner.getByTestId(`zone-list-item-${zone.id}`).click();
    }

    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await planner.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await planner.getByTestId(`lang-${lang}`).click();
        await planner.waitForTimeout(300);
        await section.scrollIntoViewIfNeeded();
        const found = await layoutProblems(
          planner,
          ['[data-testid="zone-progress-record"]', '[data-testid="funding-add"]'],
          ['.programme-rows-title'],
        );
        expect([...found.covered, ...found.cut, ...found.rawKeys], `${viewport.width} ${lang}`).toEqual([]);
        await planner.screenshot({ path: join(OUTPUT_DIR, `programme-zone-${lang}-${viewport.width}.png`) });
      }
    }
    await planner.getByTestId('lang-zh').click();
    await planner.getByTestId('zones-toggle').click();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  // Last: it leaves an administrator's stage list behind.
  it('lets an administrator add, rename and recolour stages; every open map and form follows, and a too-close colour is refused', async () => {
    const admin = await openAtlasPage(browser, app.url, pageErrors, { as: 'admin' });
    const drawer = admin.getByTestId('stages-drawer');
    // On a busy machine the account menu can close again while it slides in: open it again rather than fail.
    const openDrawer = async () => {
      for (let attempt = 1; ; attempt++) {
        await admin.getByTestId('account-menu').click();
        const opened = await admin
          .getByTestId('menu-stages')
          .click({ timeout: 10_000 })
          .then(() => drawer.getByTestId('stage-row-construction').waitFor({ timeout: 20_000 }))
          .then(
            () => true,
            (error: unknown) => {
              if (attempt === 3) throw error;
              return false;
            },
          );
        if (opened) return;
        await admin.keyboard.press('Escape');
      }
    };
    // The language switch sits under the drawer's mask: each language opens the drawer afresh.
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await admin.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await admin.getByTestId(`lang-${lang}`).click();
        await openDrawer();
        await drawer.getByTestId('stages-add').click();
        const found = await layoutProblems(
          admin,
          ['[data-testid="stages-save"]', '[data-testid="stages-add"]'],
          ['.stage-row', '.coverage-origin'],
        );
        expect([...found.covered, ...found.cut, ...found.rawKeys], `${viewport.width} ${lang}`).toEqual([]);
        await admin.screenshot({ path: join(OUTPUT_DIR, `programme-stages-${lang}-${viewport.width}.png`) });
        await admin.keyboard.press('Escape');
        await drawer.waitFor({ state: 'detached' });
      }
    }
    await admin.getByTestId('lang-zh').click();
    await openDrawer();
    // Stages the figures depend on, and those in use, cannot be removed.
    expect(await drawer.getByTestId('stage-row-construction-remove').isDisabled()).toBe(true);
    expect(await drawer.getByTestId('stage-row-design-remove').isDisabled()).toBe(true);

    await drawer.getByTestId('stages-add').click();
    const row = drawer.locator('li[data-testid^="stage-row-new-"]');
    await row.locator('[data-testid$="-zh"]').fill('招标');
    await row.locator('[data-testid$="-en"]').fill('Tendering');
    await drawer.getByTestId('stage-row-reserve-zh').fill('项目储备');
    await drawer.getByTestId('stages-verdict').locator('.ant-alert-success').waitFor();

    // A colour next to construction's orange: the rule names the pair and saving waits.
    const pickColour = async (hex: string) => {
      await row.locator('.ant-color-picker-trigger').click();
      const input = admin.locator('.ant-popover:visible .ant-color-picker-hex-input input');
      await input.fill(hex);
      await input.press('Enter');
      await admin.keyboard.press('Escape');
    };
    await pickColour('da7302');
    const warning = drawer.getByTestId('stages-verdict').locator('.ant-alert-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('施工');
    expect(await drawer.getByTestId('stages-save').isDisabled()).toBe(true);
    await pickColour('442200');
    await drawer.getByTestId('stages-verdict').locator('.ant-alert-success').waitFor();

    await drawer.getByTestId('stages-save').click();
    await admin.locator('.ant-message').getByText('阶段已保存').waitFor();

    const catalogue = await getJson<{ stages: { id: string; label: { zh: string }; colour: string }[] }>(`${app.url}/api/stages`);
    const ids = catalogue.stages.map((s) => s.id);
    expect(ids.indexOf('tendering')).toBe(ids.indexOf('construction') - 1);
    expect(catalogue.stages.find((s) => s.id === 'tendering')?.colour).toBe('#442200');
    expect(catalogue.stages.find((s) => s.id === 'reserve')?.label.zh).toBe('项目储备');
    // The planner's and the leader's open pages follow without a reload: legend and the progress form.
    for (const page of [planner, leader]) {
      await page.getByTestId('lang-zh').click({ force: true });
      // The leader's legend may sit under the open dashboard: present is enough here.
      await page.getByTestId('estate-legend-stage-tendering').waitFor({ state: 'attached', timeout: 15_000 });
      expect(await page.getByTestId('estate-legend-stage-reserve').textContent()).toContain('项目储备');
    }
    expect(pageErrors).toEqual([]);
    await admin.close();
  }, 120_000);
});
