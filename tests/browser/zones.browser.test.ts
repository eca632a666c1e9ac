/**
 * Renovation zones in headless Chromium: lasso three neighbouring estates, see their totals, create
 * a zone and see its outline drawn; open the suggestions and accept one; GET /api/zones lists both;
 * draw a zone's boundary by hand and go back to the computed outline; pick with the box tool,
 * Shift-click and Ctrl-click.
 * Screenshots of the zone screens at 1440 × 900 and 1024 × 700 in Chinese and English.
 *
 * Needs a built client (`npx vite build`). Each test file gets its own database copy.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type {
  EstateApiFeature,
  EstateCollection,
  ZoneApiFeature,
  ZoneCollection,
  ZoneDetail,
  ZoneSuggestAnswer,
} from '../../client/src/api';
import { idsInShape } from '../../client/src/features/zones/shape-hits';
import { polygonLabelPoint } from '../../core/geometry/label-points';
import type { LngLat, PixelPoint } from '../../core/geometry/lng-lat';
import { packRings } from '../../core/zones/metric-shape';
import { neighbourLinks } from '../../core/zones/neighbour-graph';
import {
  apiFetch,
  type AppUnderTest,
  getJson,
  postJson,
  gotoAtlas,
  jumpTo,
  launchChromium,
  newAtlasPage,
  OUTPUT_DIR,
  project,
  screenPixels,
  shownText,
  skipBrowserTests,
  startAppUnderTest,
  waitForModalSettled,
  setViewportWithControls,
  settle,
} from './browser-helpers';
import { layoutProblems } from './layout-checks';

/** Chains a–b–c of estates whose boundaries are within 40 m (well inside the 50 m rule), so the three are connected. */
function neighbourChains(estates: readonly EstateApiFeature[]): [EstateApiFeature, EstateApiFeature, EstateApiFeature][] {
  const [lng0, lat0] = polygonLabelPoint(estates[0]?.geometry ?? { type: 'Polygon', coordinates: [] });
  const mPerLng = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const shapes = estates.map((e) => {
    const rings = e.geometry.coordinates.flat();
    return packRings(rings.map((ring) => ring.map(([lng = 0, lat = 0]) => [(lng - lng0) * mPerLng, (lat - lat0) * 110_540])));
  });
  const next = estates.map(() => [] as number[]);
  for (const link of neighbourLinks(shapes, 40)) {
    next[link.a]?.push(link.b);
    next[link.b]?.push(link.a);
  }
  const chains: [EstateApiFeature, EstateApiFeature, EstateApiFeature][] = [];
  next.forEach((around, b) => {
    for (const a of around) for (const c of around) if (a < c) chains.push([estates[a], estates[b], estates[c]] as never);
  });
  return chains;
}

/** Convex hull (Andrew's monotone chain) of discs of `radiusPx` around the points: a lasso that takes them in. */
function lassoAround(points: readonly PixelPoint[], radiusPx: number): PixelPoint[] {
  const cloud: PixelPoint[] = points.flatMap(([x, y]) =>
    Array.from({ length: 16 }, (_v, i): PixelPoint => [
      x + radiusPx * Math.cos((i * Math.PI) / 8),
      y + radiusPx * Math.sin((i * Math.PI) / 8),
    ]),
  );
  cloud.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const cross = (o: PixelPoint, a: PixelPoint, b: PixelPoint) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: PixelPoint[]) => {
    const out: PixelPoint[] = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2] as PixelPoint, out[out.length - 1] as PixelPoint, p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  return [...half(cloud), ...half([...cloud].reverse())];
}

function sumOf(estates: readonly EstateApiFeature[], key: 'households' | 'buildings'): number {
  return estates.reduce((sum, e) => sum + (e.properties[key] ?? 0), 0);
}

/** The digits of a shown figure, up to any "(n unknown)" note: "1,234（1 个未知）" → 1234. */
function shownNumber(text: string | null): number {
  return Number((text ?? '').split(/[（(]/)[0]?.replace(/[^\d.]/g, ''));
}

describe.skipIf(skipBrowserTests)('renovation zones on the map', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page;
  let estates: EstateApiFeature[];
  let created: ZoneApiFeature | null = null;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    estates = (await getJson<EstateCollection>(`${baseUrl}/api/estates`)).features;
    browser = await launchChromium();
    page = await newAtlasPage(browser);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoAtlas(page, baseUrl, problems);
  }, 180_000);

  const TOOL_CONTROLS = [
    '[data-testid="select-tools"] .ant-btn',
    '[data-testid="selection-card"] .ant-btn',
    '.atlas-zone-drawer .ant-segmented-item',
  ];
  const ZONE_LABELS = ['.atlas-selection-title', '.atlas-zone-total-label', '.atlas-zone-total span'];

  /** Covered controls, cut labels and raw i18n keys of a zone screen, as the layout test checks its screens. */
  async function checkLayout(screen: string, controls: readonly string[], labels: readonly string[]): Promise<void> {
    const found = await layoutProblems(page, controls, labels);
    for (const [kind, list] of Object.entries(found)) problems.push(...list.map((p: string) => `${screen} ${kind}: ${p}`));
  }

  /** A zone to lay out: the first stored, or one made from the smallest suggestion when this test runs alone. */
  async function someZone(): Promise<ZoneApiFeature> {
    const stored = (await getJson<ZoneCollection>(`${baseUrl}/api/zones`)).features[0];
    if (stored) return stored;
    const { suggestions } = await postJson<ZoneSuggestAnswer>(`${baseUrl}/api/zones/suggest`, {});
    const smallest = [...suggestions].sort((a, b) => a.estateIds.length - b.estateIds.length)[0];
    if (!smallest) throw new Error('no suggestion to make a zone from');
    return postJson<ZoneApiFeature>(`${baseUrl}/api/zones`, { name: '布局测试片区', estateIds: smallest.estateIds });
  }

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lassos three neighbouring estates, shows their totals, creates a zone and draws its outline', async () => {
    // Three connected estates whose lasso takes in no other estate's label point at this zoom.
    let chosen: EstateApiFeature[] | null = null;
    let lasso: PixelPoint[] = [];
    for (const chain of neighbourChains(estates)) {
      const centre = polygonLabelPoint(chain[1].geometry);
      await jumpTo(page, centre, 16.5, 400);
      const screen = await Promise.all(estates.map(async (e) => ({ id: e.id, at: await project(page, polygonLabelPoint(e.geometry)) })));
      const mine = chain.map((e) => screen.find((s) => s.id === e.id)?.at ?? ([0, 0] as PixelPoint));
      const ring = lassoAround(mine, 14);
      const hits = idsInShape(screen, ring);
      const inView = ring.every(([x, y]) => x > 360 && x < 1000 && y > 180 && y < 860);
      if (inView && hits.length === 3 && chain.every((e) => hits.includes(e.id))) {
        chosen = chain;
        lasso = ring;
        break;
      }
    }
    if (!chosen) throw new Error('no three neighbouring estates that a lasso can take in alone');

    await page.getByTestId('select-tool-lasso').click();
    const [first, ...rest] = lasso;
    if (!first) throw new Error('empty lasso');
    await page.mouse.move(first[0], first[1]);
    await page.mouse.down();
    for (const p of [...rest, first]) await page.mouse.move(p[0], p[1], { steps: 3 });
    await page.mouse.up();

    await page.getByTestId('selection-card').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('selection-count').textContent()).toContain('3');
    expect(shownNumber(await page.getByTestId('selection-totals-estates').textContent())).toBe(3);
    expect(shownNumber(await page.getByTestId('selection-totals-households').textContent())).toBe(sumOf(chosen, 'households'));
    expect(shownNumber(await page.getByTestId('selection-totals-buildings').textContent())).toBe(sumOf(chosen, 'buildings'));
    const eligible = chosen.filter((e) => e.properties.eligible).length;
    expect(shownNumber(await page.getByTestId('selection-totals-eligible').textContent())).toBe(eligible);
    await page.screenshot({ path: join(OUTPUT_DIR, 'zones-lasso-1440x900-zh.png') });

    await page.getByTestId('selection-create-zone').click();
    await waitForModalSettled(page, 'zone-create-dialog');
    const name = `测试片区 ${Date.now() % 100000}`;
    await page.getByTestId('zone-create-name').fill(name);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST'),
      page.getByTestId('zone-create-save').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    created = (await response.json()) as ZoneApiFeature;
    expect(created.properties.estateIds).toEqual(chosen.map((e) => e.id).sort((a, b) => a - b));
    expect(created.properties.totals.households).toBe(sumOf(chosen, 'households'));

    // The zone panel opens on it; its label (white on the zone green) is drawn at the outline's label point.
    await page.getByTestId('zone-panel-name').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByTestId('zone-panel-name').textContent()).toContain(name);
    await page.getByTestId('zone-links').waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByTestId('select-tool-click').click();
    const labelAt = polygonLabelPoint(created.geometry);
    await jumpTo(page, labelAt, 16.5, 400);
    await page.mouse.move(5, 895);
    await page.waitForTimeout(400);
    const [lx, ly] = await project(page, labelAt);
    const pixels = await screenPixels(page, lx, ly, 6);
    const green = pixels.filter(([r, g, b]) => Math.abs(r - 27) < 40 && Math.abs(g - 94) < 40 && Math.abs(b - 32) < 40);
    expect(green.length, `zone label green around (${lx}, ${ly})`).toBeGreaterThan(5);
    await page.screenshot({ path: join(OUTPUT_DIR, 'zones-panel-1440x900-zh.png') });

    // A click inside the outline between the estates (the middle of a neighbour link) opens the zone.
    const detail = await getJson<ZoneDetail>(`${baseUrl}/api/zones/${created.id}/detail`);
    const link = detail.links[0]?.geometry.coordinates;
    if (!link || link.length < 2) throw new Error('the zone has no neighbour link');
    const [p0 = [0, 0], p1 = [0, 0]] = link;
    const between: LngLat = [((p0[0] ?? 0) + (p1[0] ?? 0)) / 2, ((p0[1] ?? 0) + (p1[1] ?? 0)) / 2];
    await page.locator('.atlas-zone-drawer .ant-drawer-close').click();
    await page.getByTestId('zone-panel').waitFor({ state: 'detached' });
    const [bx, by] = await project(page, between);
    await page.mouse.click(bx, by);
    await page.getByTestId('zone-panel-name').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.getByTestId('zone-panel-name').textContent()).toContain(name);
  });

  it('suggests zones, accepts one, and GET /api/zones lists it beside the hand-made zone', async () => {
    await page.getByTestId('zones-tab-suggest').click();
    await page.getByTestId('suggest-result').waitFor({ state: 'visible', timeout: 30_000 });
    await page.getByTestId('suggestion-0').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(OUTPUT_DIR, 'zones-suggest-1440x900-zh.png') });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST'),
      page.getByTestId('suggestion-accept-0').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    const accepted = (await response.json()) as ZoneApiFeature;
    expect(accepted.properties.estateIds.length).toBeGreaterThan(1);
    expect(accepted.properties.name).toMatch(/片区\d+$/);

    const listed = await getJson<ZoneCollection>(`${baseUrl}/api/zones`);
    const ids = listed.features.map((z) => z.id);
    expect(ids).toContain(created?.id);
    expect(ids).toContain(accepted.id);
    // The list redraws without the accepted estates; until then it is read-only.
    await page.waitForFunction(() => !document.querySelector('[data-testid="suggestion-accept-0"]')?.hasAttribute('disabled'), null, {
      timeout: 30_000,
    });

    // "Edit first": the suggestion's estates are picked and the create dialog opens on them.
    await page.getByTestId('suggestion-edit-0').click();
    await waitForModalSettled(page, 'zone-create-dialog');
    expect(await page.locator('.ant-modal-title').textContent()).toContain('按建议建立片区');
    const picked = shownNumber(await page.getByTestId('selection-count').textContent());
    expect(picked).toBeGreaterThan(1);
    await page.getByTestId('zone-create-name').fill('按建议改名的片区');
    await page.getByTestId('zone-create-note').fill('先核对后建立');
    const [edited] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST'),
      page.getByTestId('zone-create-save').click(),
    ]);
    expect(edited.status(), await edited.text()).toBe(201);
    const editedZone = (await edited.json()) as ZoneApiFeature;
    expect(editedZone.properties).toMatchObject({ name: '按建议改名的片区', note: '先核对后建立' });
    expect(editedZone.properties.estateIds).toHaveLength(picked);
    // The dialog closes once the zone is stored (its closing mask would take the next click).
    await page.getByTestId('zone-create-dialog').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.querySelector('.ant-modal-mask'), null, { timeout: 5000 });
    expect(problems).toEqual([]);
  });

  it('explains a zone whose estates are not connected and saves it as a split zone with a reason', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const taken = new Set((await getJson<ZoneCollection>(`${baseUrl}/api/zones`)).features.flatMap((z) => z.properties.estateIds));
    const free = estates.filter((e) => !taken.has(e.id));
    const [a] = free;
    if (!a) throw new Error('no free estate');
    const at = (e: EstateApiFeature) => polygonLabelPoint(e.geometry);
    const far = free.find((e) => Math.hypot((at(e)[0] - at(a)[0]) * 101_000, (at(e)[1] - at(a)[1]) * 110_540) > 600);
    if (!far) throw new Error('no free estate 600 m away');
    for (const [estate, additive] of [
      [a, false],
      [far, true],
    ] as const) {
      await jumpTo(page, at(estate), 17, 400);
      const [x, y] = await project(page, at(estate));
      if (additive) await page.keyboard.down('Shift');
      await page.mouse.click(x, y);
      if (additive) await page.keyboard.up('Shift');
    }
    expect(await page.getByTestId('selection-count').textContent()).toContain('2');
    await page.getByTestId('selection-create-zone').click();
    await waitForModalSettled(page, 'zone-create-dialog');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST'),
      page.getByTestId('zone-create-save').click(),
    ]);
    expect(refused.status(), await refused.text()).toBe(422);
    await page.getByTestId('zone-create-split-reason').waitFor({ state: 'visible' });
    const problem = (await page.getByTestId('zone-create-problem').textContent()) ?? '';
    expect(problem).toContain('不连片');
    expect(problem).not.toContain('zone_disconnected');
    await page.screenshot({ path: join(OUTPUT_DIR, 'zones-split-1440x900-zh.png') });
    const reason = '同一产权单位的两个小区，统一设计、统一管理';
    await page.getByTestId('zone-create-split-reason').fill(reason);
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/zones') && r.request().method() === 'POST'),
      page.getByTestId('zone-create-save').click(),
    ]);
    expect(accepted.status(), await accepted.text()).toBe(201);
    expect(((await accepted.json()) as ZoneApiFeature).properties.splitReason).toBe(reason);
    await page.getByTestId('zone-panel-name').waitFor({ state: 'visible' });
  });

  it('renames a zone after a version conflict is explained and reloaded, then deletes it after confirmation', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const zone = await someZone();
    // The page follows zone changes over GET /api/events; with its stream down (or before the change is
    // announced) it still holds the older version when the planner saves, which is the case under test.
    await page.route('**/api/events', (route) => route.abort());
    await gotoAtlas(page, baseUrl, problems);
    await page.getByTestId('zones-toggle').click();
    await page.getByTestId(`zone-list-item-${zone.id}`).click();
    await page.getByTestId('zone-panel-name').waitFor({ state: 'visible' });

    // Someone else changes the zone meanwhile: the page still holds the older version.
    const patched = await apiFetch(`${baseUrl}/api/zones/${zone.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: zone.properties.version, note: '同事补充的备注' }),
    });
    expect(patched.status, await patched.text()).toBe(200);

    const name = `改名片区 ${Date.now() % 100000}`;
    await page.getByTestId('zone-rename').click();
    await page.getByTestId('zone-rename-input').fill(name);
    const [conflict] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/zones/${zone.id}`) && r.request().method() === 'PATCH'),
      page.getByTestId('zone-rename-save').click(),
    ]);
    expect(conflict.status()).toBe(409);
    const notice = page.locator('.ant-message-notice', { hasText: '已被他人修改' });
    await notice.waitFor({ state: 'visible', timeout: 5000 });
    expect(await notice.textContent()).toContain('已重新载入最新版本');
    // The panel now shows the colleague's version; saving again goes through.
    await page.getByText('同事补充的备注').waitFor({ state: 'visible', timeout: 5000 });
    const [renamed] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/zones/${zone.id}`) && r.request().method() === 'PATCH'),
      page.getByTestId('zone-rename-save').click(),
    ]);
    expect(renamed.status(), await renamed.text()).toBe(200);
    await page.getByTestId('zone-panel-name').waitFor({ state: 'visible' });
    expect(await page.getByTestId('zone-panel-name').textContent()).toContain(name);

    await page.getByTestId('zone-delete').click();
    const [deleted] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/zones/${zone.id}?version=`) && r.request().method() === 'DELETE'),
      page.getByTestId('zone-delete-ok').click(),
    ]);
    expect(deleted.status()).toBe(204);
    await page.getByTestId('zone-panel').waitFor({ state: 'detached' });
    const left = await getJson<ZoneCollection>(`${baseUrl}/api/zones`);
    expect(left.features.map((z) => z.id)).not.toContain(zone.id);
    expect(await page.getByTestId(`zone-list-item-${zone.id}`).count()).toBe(0);
    await page.unroute('**/api/events');
  });

  it('follows a zone another planner creates, renames and deletes while the map is open, without a reload', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoAtlas(page, baseUrl, problems);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    const zoned = new Set((await getJson<ZoneCollection>(`${baseUrl}/api/zones`)).features.flatMap((z) => z.properties.estateIds));
    const chain = neighbourChains(estates).find((c) => c.every((e) => !zoned.has(e.id)));
    if (!chain) throw new Error('no three neighbouring estates outside every zone');
    // Another planner's session (apiFetch signs in on its own), not this page.
    const zone = await postJson<ZoneApiFeature>(`${baseUrl}/api/zones`, { name: '别处新建片区', estateIds: chain.map((e) => e.id) });
    const link = (await getJson<ZoneDetail>(`${baseUrl}/api/zones/${zone.id}/detail`)).links[0]?.geometry.coordinates;
    if (!link || link.length < 2) throw new Error('the zone has no neighbour link');
    const [p0 = [0, 0], p1 = [0, 0]] = link;
    const between: LngLat = [((p0[0] ?? 0) + (p1[0] ?? 0)) / 2, ((p0[1] ?? 0) + (p1[1] ?? 0)) / 2];
    await jumpTo(page, between, 16.5, 400);

    // The map draws the new zone: a click between its members opens it.
    const panelName = () => shownText(page, 'zone-panel-name');
    await expect
      .poll(
        async () => {
          const [x, y] = await project(page, between);
          await page.mouse.click(x, y);
          return panelName();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain('别处新建片区');

    const renamed = await apiFetch(`${baseUrl}/api/zones/${zone.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: zone.properties.version, name: '别处改名片区' }),
    });
    expect(renamed.status, await renamed.clone().text()).toBe(200);
    await expect.poll(panelName, { timeout: 15_000 }).toContain('别处改名片区');

    const { version } = ((await renamed.json()) as ZoneApiFeature).properties;
    expect((await apiFetch(`${baseUrl}/api/zones/${zone.id}?version=${version}`, { method: 'DELETE' })).status).toBe(204);
    // The open panel goes back to the list, which no longer names it, and the map no longer opens it.
    await page.getByTestId('zone-panel').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.getByTestId(`zone-list-item-${zone.id}`).count(), { timeout: 10_000 }).toBe(0);
    const [x, y] = await project(page, between);
    await page.mouse.click(x, y);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('zone-panel').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  // About 25 s alone; twice that when the machine runs other browsers too.
  it(
    'draws a zone boundary by dragging an outline vertex outward, refuses one that misses a member, and goes back to the computed outline',
    { timeout: 150_000 },
    async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      const taken = new Set((await getJson<ZoneCollection>(`${baseUrl}/api/zones`)).features.flatMap((z) => z.properties.estateIds));
      let zone: ZoneApiFeature | null = null;
      for (const chain of neighbourChains(estates.filter((e) => !taken.has(e.id))).slice(0, 5)) {
        const response = await apiFetch(`${baseUrl}/api/zones`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name: `范围测试片区 ${Date.now() % 100000}`, estateIds: chain.map((e) => e.id) }),
        });
        if (response.status === 201) {
          zone = (await response.json()) as ZoneApiFeature;
          break;
        }
      }
      if (!zone) throw new Error('no three free neighbouring estates to make a zone of');
      const zoneUrl = `${baseUrl}/api/zones/${zone.id}`;
      expect(zone.properties.boundary).toBe('computed');

      await gotoAtlas(page, baseUrl, problems);
      await page.getByTestId('zones-toggle').click();
      await page.getByTestId(`zone-list-item-${zone.id}`).click();
      await page.getByTestId('zone-panel-name').waitFor({ state: 'visible' });
      await page.waitForTimeout(900);
      // The zone in the middle of the map left of the drawer.
      const labelAt = polygonLabelPoint(zone.geometry);
      await jumpTo(page, labelAt, 16.5, 400);
      const [x0] = await project(page, labelAt);
      const [x1] = await project(page, [labelAt[0] + 0.001, labelAt[1]]);
      await jumpTo(page, [labelAt[0] + (200 / (x1 - x0)) * 0.001, labelAt[1]], 16.5, 400);

      /** The outline's vertex farthest from its middle, and the way out from the middle, on screen. */
      const farthestVertex = async (outline: ZoneApiFeature) => {
        const ring = outline.geometry.coordinates[0]?.[0] ?? [];
        const points = await Promise.all(ring.map(([lng = 0, lat = 0]) => project(page, [lng, lat])));
        const cx = points.reduce((sum, p) => sum + p[0], 0) / points.length;
        const cy = points.reduce((sum, p) => sum + p[1], 0) / points.length;
        const far = points.reduce((best, p) => (Math.hypot(p[0] - cx, p[1] - cy) > Math.hypot(best[0] - cx, best[1] - cy) ? p : best));
        const lengthPx = Math.hypot(far[0] - cx, far[1] - cy);
        return { at: far, out: [(far[0] - cx) / lengthPx, (far[1] - cy) / lengthPx] as const };
      };
      const drag = async ([fromX, fromY]: PixelPoint, [toX, toY]: PixelPoint) => {
        await page.mouse.move(fromX, fromY, { steps: 3 });
        await page.mouse.down();
        await page.mouse.move(toX, toY, { steps: 10 });
        await page.mouse.up();
        await page.waitForTimeout(300);
      };
      const patchOf = () => page.waitForResponse((r) => r.url() === zoneUrl && r.request().method() === 'PATCH');

      await page.getByTestId('zone-boundary-edit').click();
      await page.getByTestId('zone-boundary-editing').waitFor({ state: 'visible' });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(OUTPUT_DIR, 'zones-boundary-edit-1440x900-zh.png') });
      await checkLayout(
        'zones-boundary-edit 1440x900-zh',
        ['[data-testid="zone-boundary-save"]', '[data-testid="zone-boundary-cancel"]'],
        ZONE_LABELS,
      );

      // Outward by 40 px: the boundary is drawn and its area grows.
      const outward = await farthestVertex(zone);
      await drag(outward.at, [outward.at[0] + 40 * outward.out[0], outward.at[1] + 40 * outward.out[1]]);
      const [saved] = await Promise.all([patchOf(), page.getByTestId('zone-boundary-save').click()]);
      expect(saved.status(), await saved.text()).toBe(200);
      await page.getByTestId('zone-boundary-editing').waitFor({ state: 'detached' });
      const drawn = await getJson<ZoneApiFeature>(zoneUrl);
      expect(drawn.properties.boundary).toBe('drawn');
      expect(drawn.properties.outlineAreaM2).toBeGreaterThan(zone.properties.outlineAreaM2);
      expect(await page.getByTestId('zone-boundary').textContent()).toContain('人工绘制');

      // That vertex dragged onto the nearest member's label point: the boundary cuts the member, the server refuses it.
      await page.getByTestId('zone-boundary-edit').click();
      await page.getByTestId('zone-boundary-editing').waitFor({ state: 'visible' });
      await page.waitForTimeout(500);
      const inward = await farthestVertex(drawn);
      const memberPoints = await Promise.all(
        drawn.properties.estateIds.map((id) =>
          project(page, polygonLabelPoint(estates.find((e) => e.id === id)?.geometry ?? zone.geometry)),
        ),
      );
      const nearest = memberPoints.reduce((best, p) =>
        Math.hypot(p[0] - inward.at[0], p[1] - inward.at[1]) < Math.hypot(best[0] - inward.at[0], best[1] - inward.at[1]) ? p : best,
      );
      await drag(inward.at, nearest);
      const [refused] = await Promise.all([patchOf(), page.getByTestId('zone-boundary-save').click()]);
      expect(refused.status(), await refused.text()).toBe(422);
      const notice = page.locator('.ant-message-notice', { hasText: '片区范围没有包含以下成员小区' });
      await notice.waitFor({ state: 'visible', timeout: 5000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUTPUT_DIR, 'zones-boundary-refused-1440x900-zh.png') });
      const unchanged = await getJson<ZoneApiFeature>(zoneUrl);
      expect(unchanged.properties).toMatchObject({
        boundary: 'drawn',
        version: drawn.properties.version,
        outlineAreaM2: drawn.properties.outlineAreaM2,
      });
      expect(unchanged.geometry).toEqual(drawn.geometry);

      // Cancel, then back to the outline computed around the members.
      await page.getByTestId('zone-boundary-cancel').click();
      await page.getByTestId('zone-boundary-editing').waitFor({ state: 'detached' });
      const [computed] = await Promise.all([patchOf(), page.getByTestId('zone-boundary-computed').click()]);
      expect(computed.status(), await computed.text()).toBe(200);
      const back = await getJson<ZoneApiFeature>(zoneUrl);
      expect(back.properties.boundary).toBe('computed');
      expect(back.properties.outlineAreaM2).toBeCloseTo(zone.properties.outlineAreaM2, 0);
      await page.getByTestId('zone-boundary-computed').waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    },
  );

  it('lays the zone screens out at 1440 × 900 and 1024 × 700 in Chinese and English', { timeout: 240_000 }, async () => {
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 700 },
    ]) {
      for (const lang of ['zh', 'en'] as const) {
        const size = `${viewport.width}x${viewport.height}-${lang}`;
        const zone = await someZone();
        await page.setViewportSize(viewport);
        await gotoAtlas(page, baseUrl, problems);
        await page.getByTestId(`lang-${lang}`).click();
        // Two estates of the zone picked by Shift-click, the zone's panel open beside them.
        await page.getByTestId('zones-toggle').click();
        await page.getByTestId(`zone-list-item-${zone.id}`).click();
        await page.getByTestId('zone-panel-name').waitFor({ state: 'visible' });
        await page.waitForTimeout(900);
        for (const id of zone.properties.estateIds.slice(0, 2)) {
          const estate = estates.find((e) => e.id === id);
          if (!estate) continue;
          const [x, y] = await project(page, polygonLabelPoint(estate.geometry));
          await page.keyboard.down('Shift');
          await page.mouse.click(x, y);
          await page.keyboard.up('Shift');
        }
        await page.getByTestId('selection-card').waitFor({ state: 'visible', timeout: 5000 });
        await page.mouse.move(5, viewport.height - 5);
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(OUTPUT_DIR, `zones-panel-${size}.png`) });
        await checkLayout(
          `zones-panel ${size}`,
          [...TOOL_CONTROLS, '[data-testid="zone-rename"]', '[data-testid="zone-delete"]'],
          ZONE_LABELS,
        );
        await page.getByTestId('zones-tab-suggest').click();
        await page.getByTestId('suggest-result').waitFor({ state: 'visible', timeout: 30_000 });
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(OUTPUT_DIR, `zones-suggest-${size}.png`) });
        await checkLayout(
          `zones-suggest ${size}`,
          [...TOOL_CONTROLS, '[data-testid="suggest-accept-all"]', '[data-testid="suggestion-accept-0"]'],
          [...ZONE_LABELS, '.atlas-suggest-form .ant-form-item-label > label'],
        );
      }
    }
    expect(problems).toEqual([]);
  });
  it('picks two estates with the box tool, adds a third with Shift-click and drops it again with Ctrl-click', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoAtlas(page, baseUrl, problems);
    // Two neighbours whose label points a box takes in alone, and a third estate in view to Shift-click.
    let picked: { pair: EstateApiFeature[]; box: PixelPoint[]; third: EstateApiFeature; thirdAt: PixelPoint } | null = null;
    for (const chain of neighbourChains(estates)) {
      const pair = [chain[0], chain[1]];
      await jumpTo(page, polygonLabelPoint(chain[1].geometry), 16.5, 400);
      const screen = await Promise.all(estates.map(async (e) => ({ id: e.id, at: await project(page, polygonLabelPoint(e.geometry)) })));
      const mine = pair.map((e) => screen.find((s) => s.id === e.id)?.at ?? ([0, 0] as PixelPoint));
      const x0 = Math.min(...mine.map((p) => p[0])) - 12;
      const x1 = Math.max(...mine.map((p) => p[0])) + 12;
      const y0 = Math.min(...mine.map((p) => p[1])) - 12;
      const y1 = Math.max(...mine.map((p) => p[1])) + 12;
      const box: PixelPoint[] = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
      const hits = idsInShape(screen, box);
      const inView = x0 > 380 && x1 < 980 && y0 > 200 && y1 < 640;
      const third = chain[2];
      const thirdAt = screen.find((s) => s.id === third.id)?.at;
      const thirdInView = thirdAt !== undefined && thirdAt[0] > 380 && thirdAt[0] < 980 && thirdAt[1] > 200 && thirdAt[1] < 640;
      if (inView && thirdInView && hits.length === 2 && pair.every((e) => hits.includes(e.id))) {
        picked = { pair, box, third, thirdAt };
        break;
      }
    }
    if (!picked) throw new Error('no two neighbouring estates that a box can take in alone');

    await page.getByTestId('select-tool-box').click();
    const [from, , to] = picked.box;
    if (!from || !to) throw new Error('no box');
    await page.mouse.move(from[0], from[1]);
    await page.mouse.down();
    await page.mouse.move(to[0], to[1], { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('selection-card').waitFor({ state: 'visible', timeout: 10_000 });
    expect(shownNumber(await page.getByTestId('selection-totals-estates').textContent())).toBe(2);
    expect(shownNumber(await page.getByTestId('selection-totals-households').textContent())).toBe(sumOf(picked.pair, 'households'));

    await page.getByTestId('select-tool-click').click();
    const [tx, ty] = picked.thirdAt;
    await page.keyboard.down('Shift');
    await page.mouse.click(tx, ty);
    await page.keyboard.up('Shift');
    await page.waitForTimeout(300);
    expect(shownNumber(await page.getByTestId('selection-totals-estates').textContent())).toBe(3);
    expect(shownNumber(await page.getByTestId('selection-totals-households').textContent())).toBe(
      sumOf([...picked.pair, picked.third], 'households'),
    );
    await page.keyboard.down('Control');
    await page.mouse.click(tx, ty);
    await page.keyboard.up('Control');
    await page.waitForTimeout(300);
    expect(shownNumber(await page.getByTestId('selection-totals-estates').textContent())).toBe(2);
    await page.getByTestId('selection-clear').click();
    await page.getByTestId('selection-card').waitFor({ state: 'detached', timeout: 5000 });
  });
  it('keeps the picked estate’s card clear of the estate panel at 1024 × 700 with the controls unfolded, in both languages', async () => {
    const estate = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    await page.setViewportSize({ width: 1440, height: 900 });
    await gotoAtlas(page, baseUrl, problems);
    await setViewportWithControls(page, { width: 1024, height: 700 });
    await jumpTo(page, polygonLabelPoint(estate.geometry), 16, 400);
    await settle(page);
    const [x, y] = await project(page, polygonLabelPoint(estate.geometry));
    await page.mouse.click(x, y);
    await page.getByTestId('selection-card').waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.atlas-estate-drawer .ant-drawer-close').waitFor({ state: 'visible', timeout: 10_000 });
    await page.mouse.move(5, 695);
    for (const lang of ['zh', 'en'] as const) {
      await page.getByTestId(`lang-${lang}`).click();
      await settle(page);
      await page.screenshot({ path: join(OUTPUT_DIR, `selection-beside-estate-panel-1024x700-${lang}.png`) });
      await checkLayout(
        `selection beside the estate panel ${lang}`,
        [...TOOL_CONTROLS, '.atlas-estate-drawer .ant-drawer-close'],
        ZONE_LABELS,
      );
    }
    expect(problems).toEqual([]);
    await page.getByTestId('selection-clear').click();
  });
});
