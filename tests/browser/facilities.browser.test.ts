/**
 * Facilities and gates on the map in headless Chromium: a designer adds a facility with a map
 * click, names it, moves it, makes it planned and deletes it; imports a GCJ-02 CSV (positions land
 * within 2 m of the truth); keeps a what-if as a planned facility. A planner adds a gate on an
 * estate's boundary and coverage measures from it, then removes it. The API confirms every write.
 * Screenshots of the panel, the banner and the import at 1440 × 900 and 1024 × 700 in both languages.
 *
 * Needs a built client (`npx vite build`).
 */
import { distance, pointOnFeature } from '@turf/turf';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateCollection, FacilityCollection } from '../../client/src/api';
import { fromWgs84 } from '../../core/io/source-crs';
import {
  type AppUnderTest,
  apiFetch,
  getJson,
  jumpTo,
  launchChromium,
  openAtlasPage,
  OUTPUT_DIR,
  project,
  shownText,
  skipBrowserTests,
  startAppUnderTest,
  waitForModalSettled,
  chooseColouring,
} from './browser-helpers';
import { layoutProblems, overlappingBoxes } from './layout-checks';

type LngLat = [number, number];

describe.skipIf(skipBrowserTests)('facilities and gates in the browser', () => {
  let app: AppUnderTest;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let estates: EstateCollection;
  /** An open spot (no estate) near the first estate, where new facilities go. */
  let openSpot: LngLat;

  const facilities = () => getJson<FacilityCollection>(`${app.url}/api/facilities`);

  async function clickAt(target: Page, lngLat: LngLat): Promise<void> {
    const [x, y] = await project(target, lngLat);
    await target.mouse.click(x, y);
  }

  beforeAll(async () => {
    app = await startAppUnderTest();
    browser = await launchChromium();
    estates = await getJson<EstateCollection>(`${app.url}/api/estates`);
    const first = estates.features[0]!;
    const [lng = 0, lat = 0] = pointOnFeature(first).geometry.coordinates;
    // 0.004° south of a point on the estate; the test only needs the facility's stored position to follow the click.
    openSpot = [lng, lat - 0.004];
    page = await openAtlasPage(browser, app.url, pageErrors, { as: 'designer' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('adds a facility with a map click, names it, moves it and makes it planned', async () => {
    const before = (await facilities()).features.length;
    // Each write comes back on the event stream; this tab, which wrote it, asks for the facilities no more.
    const reloads: string[] = [];
    const countReload = (request: Request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/facilities') reloads.push(request.url());
    };
    page.on('request', countReload);
    await jumpTo(page, openSpot, 16, 600);
    await page.getByTestId('facility-add').click();
    await page.getByTestId('placement-banner').waitFor();
    expect(await page.getByTestId('placement-banner').textContent()).toContain('单击地图放置新的幼儿园');
    await clickAt(page, openSpot);
    await page.getByTestId('facility-panel').waitFor({ timeout: 15_000 });
    const after = await facilities();
    expect(after.features).toHaveLength(before + 1);
    const created = after.features.at(-1)!;
    expect(created.properties).toMatchObject({ type: 'kindergarten', status: 'existing', version: 1 });
    // The stored point is where the click was: within a pixel at zoom 16 (about 2 m).
    expect(distance(created.geometry.coordinates, openSpot, { units: 'meters' })).toBeLessThan(3);

    await page.getByTestId('facility-name').fill('试验幼儿园');
    await page.getByTestId('facility-status').getByText('规划').click();
    await page.getByTestId('facility-save').click();
    await expect.poll(async () => (await facilities()).features.find((f) => f.id === created.id)?.properties.version).toBe(2);
    const saved = (await facilities()).features.find((f) => f.id === created.id)!;
    expect(saved.properties).toMatchObject({ name: '试验幼儿园', status: 'planned' });
    expect(await page.getByTestId('facility-panel-name').textContent()).toBe('试验幼儿园');

    const target: LngLat = [openSpot[0] + 0.0008, openSpot[1]];
    await page.getByTestId('facility-move').click();
    expect(await page.getByTestId('placement-banner').textContent()).toContain('试验幼儿园');
    await page.mouse.move(5, 300);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUTPUT_DIR, 'facility-move-zh-1440.png') });
    await clickAt(page, target);
    await expect.poll(async () => (await facilities()).features.find((f) => f.id === created.id)?.properties.version).toBe(3);
    const moved = (await facilities()).features.find((f) => f.id === created.id)!;
    expect(distance(moved.geometry.coordinates, target, { units: 'meters' })).toBeLessThan(3);
    await page.getByTestId('placement-banner').waitFor({ state: 'detached' });
    await page.waitForTimeout(1500);
    page.off('request', countReload);
    expect(reloads).toEqual([]);
  });

  it('opens a facility by clicking it on the map, and deletes it', async () => {
    const facility = (await facilities()).features.find((f) => f.properties.name === '试验幼儿园')!;
    await page.getByRole('button', { name: '关闭' }).first().click();
    await page.getByTestId('facility-panel').waitFor({ state: 'detached' });
    await clickAt(page, facility.geometry.coordinates as LngLat);
    await page.getByTestId('facility-panel').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('facility-panel-name').textContent()).toBe('试验幼儿园');
    await page.getByTestId('facility-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('facility-panel').waitFor({ state: 'detached' });
    expect((await facilities()).features.some((f) => f.id === facility.id)).toBe(false);
  });

  it('follows a facility another user adds, renames and deletes while the map is open, without a reload', async () => {
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const write = async (method: string, path: string, body?: unknown) => {
      const reply = await apiFetch(`${app.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(reply.status, await reply.clone().text()).toBeLessThan(300);
      return reply.status === 204 ? null : ((await reply.json()) as FacilityCollection['features'][number]);
    };
    // Another session (apiFetch signs in on its own), at the open spot the first test used and left empty.
    const added = await write('POST', '/api/facilities', {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: openSpot },
      properties: { type: 'kindergarten', name: '别处新增幼儿园', status: 'existing' },
    });
    await jumpTo(page, openSpot, 16, 600);
    const panelName = () => shownText(page, 'facility-panel-name');
    // The map draws it: a click on its spot opens it.
    await expect
      .poll(
        async () => {
          await clickAt(page, openSpot);
          return panelName();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('别处新增幼儿园');
    const renamed = await write('PATCH', `/api/facilities/${added!.id}`, { version: 1, properties: { name: '别处改名幼儿园' } });
    await expect.poll(panelName, { timeout: 15_000 }).toBe('别处改名幼儿园');
    await write('DELETE', `/api/facilities/${added!.id}?version=${renamed!.properties.version}`);
    await page.getByTestId('facility-panel').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('imports a GCJ-02 CSV: types from Chinese names, positions within 2 m of the truth, unknown types named', async () => {
    const truth: LngLat[] = [0, 1, 2].map((i) => [openSpot[0] + i * 0.001, openSpot[1] - 0.001]);
    const shifted = truth.map((p) => fromWgs84({ type: 'Point', coordinates: p }, 'gcj02').coordinates);
    const csv = [
      '名称,设施类型,经度,纬度',
      `一号菜场,农贸市场,${shifted[0]![0]},${shifted[0]![1]}`,
      `二号幼儿园,幼儿园,${shifted[1]![0]},${shifted[1]![1]}`,
      `长者食堂,长者食堂,${shifted[2]![0]},${shifted[2]![1]}`,
      '火箭站,火箭发射场,109.4,24.3',
    ].join('\n');
    const file = join(OUTPUT_DIR, '高德_设施.csv');
    writeFileSync(file, csv);
    const before = (await facilities()).features.length;
    await page.getByTestId('facility-import').click();
    await page.getByTestId('facility-import-file').setInputFiles(file);
    const summary = page.getByTestId('facility-import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('可导入 3 个');
    expect(await page.getByTestId('facility-import-unknown').textContent()).toContain('火箭发射场');
    // The file name says Amap (高德): GCJ-02 is pre-selected.
    expect(await page.getByTestId('facility-import-crs').textContent()).toContain('GCJ-02');
    await waitForModalSettled(page, 'facility-import-modal');
    await page.screenshot({ path: join(OUTPUT_DIR, 'facility-import-zh-1440.png') });
    await page.getByTestId('facility-import-commit').click();
    await page.getByTestId('facility-import-modal').waitFor({ state: 'detached', timeout: 15_000 });
    const after = (await facilities()).features;
    expect(after).toHaveLength(before + 3);
    const imported = after.slice(-3);
    expect(imported.map((f) => [f.properties.name, f.properties.type, f.properties.source])).toEqual([
      ['一号菜场', 'fresh_market', '高德_设施.csv'],
      ['二号幼儿园', 'kindergarten', '高德_设施.csv'],
      ['长者食堂', 'community_canteen', '高德_设施.csv'],
    ]);
    for (const [i, f] of imported.entries()) expect(distance(f.geometry.coordinates, truth[i]!, { units: 'meters' })).toBeLessThan(2);
  });

  it('keeps a what-if facility as a planned one, and coverage then counts planned facilities', async () => {
    const estate = estates.features[0]!;
    const inside = pointOnFeature(estate).geometry.coordinates as LngLat;
    await jumpTo(page, inside, 16, 600);
    await clickAt(page, inside);
    await page.getByTestId('whatif-place').waitFor({ timeout: 30_000 });
    await page.getByTestId('whatif-place').click();
    await clickAt(page, inside);
    await page.getByTestId('whatif-save-planned').click();
    await page.getByTestId('whatif-count').waitFor({ state: 'detached', timeout: 15_000 });
    const planned = (await facilities()).features.filter((f) => f.properties.status === 'planned');
    expect(planned).toHaveLength(1);
    expect(distance(planned[0]!.geometry.coordinates, inside, { units: 'meters' })).toBeLessThan(3);
    await chooseColouring(page, '生活圈缺项数');
    expect(await page.getByTestId('coverage-include-planned').locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('lets a planner add a gate on an estate boundary; coverage then measures from it', async () => {
    const plannerErrors: string[] = [];
    const planner = await openAtlasPage(browser, app.url, plannerErrors, { as: 'planner' });
    const estate = estates.features[1]!;
    const ring = estate.geometry.type === 'MultiPolygon' ? estate.geometry.coordinates[0]![0]! : estate.geometry.coordinates[0]!;
    const corner = ring[0] as LngLat;
    const inside = pointOnFeature(estate).geometry.coordinates as LngLat;
    await jumpTo(planner, inside, 17, 600);
    await clickAt(planner, inside);
    const origin = planner.getByTestId('coverage-origin');
    await origin.waitFor({ timeout: 30_000 });
    expect(await origin.textContent()).toContain('从小区边界量起');
    await planner.getByTestId('gate-add').click();
    await clickAt(planner, corner);
    await planner.getByTestId('gate-item').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await origin.textContent()) ?? '', { timeout: 30_000 }).toContain('从小区出入口量起');
    const gates = await (await apiFetch(`${app.url}/api/estate-gates`)).json();
    expect(gates.features.filter((g: { properties: { estateId: number } }) => g.properties.estateId === estate.id)).toHaveLength(1);
    await planner.mouse.move(5, 300);
    await planner.screenshot({ path: join(OUTPUT_DIR, 'facility-gate-zh-1440.png') });
    await planner.getByTestId('gate-remove').click();
    await planner.getByTestId('gate-item').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => (await origin.textContent()) ?? '', { timeout: 30_000 }).toContain('从小区边界量起');
    expect(plannerErrors).toEqual([]);
    await planner.close();
  });

  it('lets an administrator change a type’s radius and whether it counts; coverage follows', async () => {
    const adminErrors: string[] = [];
    const admin = await openAtlasPage(browser, app.url, adminErrors, { as: 'admin' });
    await admin.getByTestId('account-menu').click();
    await admin.getByTestId('menu-catalogue').click();
    const drawer = admin.getByTestId('catalogue-drawer');
    await drawer.getByTestId('catalogue-radius-kindergarten').waitFor({ timeout: 15_000 });
    // antd puts the test id on the <input> of an InputNumber itself.
    const radius = drawer.getByTestId('catalogue-radius-kindergarten');
    await radius.fill('450');
    await radius.blur();
    await drawer.getByTestId('catalogue-counted-waste_point').click();
    const catalogue = async () =>
      (await (await apiFetch(`${app.url}/api/facility-types`)).json()) as { types: { id: string; radiusM: number; counted: boolean }[] };
    await expect.poll(async () => (await catalogue()).types.find((t) => t.id === 'kindergarten')?.radiusM, { timeout: 15_000 }).toBe(450);
    await expect.poll(async () => (await catalogue()).types.find((t) => t.id === 'waste_point')?.counted, { timeout: 15_000 }).toBe(false);
    await admin.mouse.move(5, 300);
    await admin.screenshot({ path: join(OUTPUT_DIR, 'catalogue-zh-1440.png') });
    // The map's coverage is computed again with the new radius: an estate's gaps no longer name waste points.
    await admin.keyboard.press('Escape');
    const estate = estates.features[2]!;
    const inside = pointOnFeature(estate).geometry.coordinates as LngLat;
    await jumpTo(admin, inside, 16, 600);
    await clickAt(admin, inside);
    await admin.getByTestId('estate-coverage').getByTestId('coverage-gap-count').waitFor({ timeout: 60_000 });
    const server = await getJson<{ estates: { gaps: string[] }[] }>(`${app.url}/api/coverage?scope=estate&id=${estate.id}&model=network`);
    expect(server.estates[0]!.gaps).not.toContain('waste_point');
    await expect
      .poll(
        async () =>
          await admin
            .getByTestId('estate-coverage')
            .locator('[data-testid^="coverage-gap-"]')
            .evaluateAll((els) =>
              els
                .map((el) => el.getAttribute('data-testid')!.replace('coverage-gap-', ''))
                .filter((id) => id !== 'count')
                .sort(),
            ),
        { timeout: 60_000 },
      )
      .toEqual([...server.estates[0]!.gaps].sort());
    expect(adminErrors).toEqual([]);
    await admin.close();
  });

  it('lays out the facility panel, the placement banner and the import without cut or covered text', async () => {
    const facility = (await facilities()).features.find((f) => f.properties.name === '二号幼儿园')!;
    const problems: string[] = [];
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      await page.setViewportSize(viewport);
      for (const lang of ['zh', 'en'] as const) {
        await page.getByTestId(`lang-${lang}`).click();
        await jumpTo(page, facility.geometry.coordinates as LngLat, 17, 600);
        await clickAt(page, facility.geometry.coordinates as LngLat);
        await page.getByTestId('facility-panel').waitFor({ timeout: 15_000 });
        await page.getByTestId('facility-move').click();
        await page.mouse.move(5, 300);
        await page.waitForTimeout(400);
        const found = await layoutProblems(
          page,
          ['[data-testid="placement-banner"]', '[data-testid="facility-tools"]'],
          ['.ant-descriptions-item-label'],
        );
        // The banner shares the map's top-left corner with the edit toolbar, the select buttons and the zoom.
        const overlaps = await overlappingBoxes(
          page,
          '[data-testid="placement-banner"]',
          '[data-testid="edit-toolbar"] .ant-btn, [data-testid="select-tools"] .ant-btn, .maplibregl-ctrl-group, .ant-drawer-open .ant-drawer-content-wrapper',
        );
        problems.push(
          ...[...found.covered, ...found.cut, ...found.rawKeys, ...overlaps].map(
            (p) => `${viewport.width}×${viewport.height} ${lang}: ${p}`,
          ),
        );
        await page.screenshot({ path: join(OUTPUT_DIR, `facility-panel-${lang}-${viewport.width}.png`) });
        await page.getByTestId('placement-cancel').click();
        // At 1024 px the control panel is folded away: open it for the import button, fold it again after.
        const folded = (await page.getByTestId('controls-toggle').getAttribute('aria-pressed')) === 'false';
        if (folded) await page.getByTestId('controls-toggle').click();
        await page.getByTestId('facility-import').click();
        await waitForModalSettled(page, 'facility-import-modal');
        await page.getByTestId('facility-import-file').setInputFiles(join(OUTPUT_DIR, '高德_设施.csv'));
        await page.getByTestId('facility-import-summary').waitFor();
        await expect.poll(() => page.getByTestId('facility-import-commit').isEnabled()).toBe(true);
        const modal = await layoutProblems(page, ['[data-testid="facility-import-modal"]'], ['.facility-import-types li span']);
        problems.push(
          ...[...modal.covered, ...modal.cut, ...modal.rawKeys].map((p) => `${viewport.width}×${viewport.height} ${lang} import: ${p}`),
        );
        await page.screenshot({ path: join(OUTPUT_DIR, `facility-import-${lang}-${viewport.width}.png`) });
        await page.keyboard.press('Escape');
        await page.getByTestId('facility-import-modal').waitFor({ state: 'detached' });
        if (folded) await page.getByTestId('controls-toggle').click();
      }
    }
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
