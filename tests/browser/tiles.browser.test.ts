/**
 * A city past MAP_TILES_FROM_ESTATES (here 0, so the demo city) in headless Chromium: the map
 * never downloads the estate collection, draws every estate from GET /api/tiles in its stage's
 * colour, opens an estate by clicking its tile, recolours from the tiles' attributes, fills the
 * sub-districts by their share of estates started below the tiles' first zoom, and the summary
 * strip shows the server's totals. Screens at both sizes in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bbox, pointOnFeature } from '@turf/turf';
import type { EstateApiFeature, EstateCollection, OutlinedSubdistrictCollection } from '../../client/src/api/types';
import { blendOver, colourDifference, hexToRgb, interpolateStops, type Rgb } from '../../core/colour';
import { ESTATE_FILL_ALPHA } from '../../core/palette-rules';
import { calendarDate } from '../../core/programme/progress-history';
import { TILE_LAYERS } from '../../core/tiles/tile-layers';
import { ledgerField } from '../../core/ledger-fields';
import { LEDGER_PAGE_ROWS } from '../../client/src/features/ledger/ledger-paging';
import { BASEMAP_COLOURS } from '../../client/src/map/basemap-style';
import { FILTERED_OUT_COLOUR, STARTED_SHARE_RAMP, STATUS_COLOURS } from '../../client/src/map/estate-colours';
import { SUBDISTRICT_SHARE_OPACITY } from '../../client/src/map/estate-tiles';
import type { LngLat } from '../../core/geometry/lng-lat';
import {
  assertClientBuilt,
  ensureOutputDir,
  gotoAtlas,
  jumpTo,
  launchChromium,
  newAtlasPage,
  OUTPUT_DIR,
  apiFetch,
  postJson,
  project,
  screenPixels,
  shownCoverageGaps,
  shownText,
  skipBrowserTests,
  toggleSelectOption,
  chooseColouring,
  shareOfColour,
  legendSwatchColour,
} from './browser-helpers';
import { layoutProblems, SCREENSHOT_VIEWPORTS } from './layout-checks';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { signIn } from '../helpers/sign-in';
import { findFreeSpots } from '../helpers/free-spots';
import { squareAround } from '../helpers/test-polygons';
import { newEstateFeature } from '../helpers/estate-fixture';

const LAND = hexToRgb(BASEMAP_COLOURS.land);

/** The colourings offered but disabled, sorted. */
async function disabledColourings(page: Page): Promise<string[]> {
  const choices = page.getByTestId('colour-by').getByRole('radio');
  const disabled: string[] = [];
  for (const choice of await choices.all()) {
    if (await choice.isDisabled()) disabled.push((await choice.evaluate((el) => el.closest('label')?.textContent ?? '')).trim());
  }
  return disabled.sort();
}

describe.skipIf(skipBrowserTests)('a city drawn from vector tiles', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let headers: Record<string, string>;
  const pageErrors: string[] = [];
  const requested: string[] = [];
  const areaRequests: URL[] = [];
  const dashboardRequests: URL[] = [];
  const communityRequests: URL[] = [];
  const subdistrictRequests: URL[] = [];
  const estateListRequests: URL[] = [];
  /** GET /api/estates asked for the whole collection (no page): what a tiled city must never do. */
  const wholeCollectionRequests = () => estateListRequests.filter((url) => !url.searchParams.has('limit')).map(String);

  async function api<T>(path: string): Promise<T> {
    const response = await fetch(`${server.url}${path}`, { headers });
    if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    assertClientBuilt();
    ensureOutputDir();
    server = await startTestServer({ env: { MAP_TILES_FROM_ESTATES: '0' } });
    headers = await signIn(server.url, 'admin');
    browser = await launchChromium();
    page = await newAtlasPage(browser);
    await page.setViewportSize(SCREENSHOT_VIEWPORTS[0]);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('request', (request) => {
      const url = new URL(request.url());
      requested.push(url.pathname);
      if (url.pathname === '/api/facilities' || url.pathname === '/api/roads') areaRequests.push(url);
      if (url.pathname === '/api/dashboard') dashboardRequests.push(url);
      if (url.pathname === '/api/communities') communityRequests.push(url);
      if (url.pathname === '/api/subdistricts') subdistrictRequests.push(url);
      if (url.pathname === '/api/estates') estateListRequests.push(url);
    });
    await gotoAtlas(page, server.url, pageErrors);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the largest estate from tiles in its stage colour and opens it on click, without the estate collection', async () => {
    const config = await api<{ estateSource: { kind: string; estates: number } }>('/api/config');
    expect(config.estateSource.kind).toBe('tiles');
    expect(wholeCollectionRequests()).toEqual([]);
    expect(requested.some((path) => path.startsWith('/api/tiles/estates/'))).toBe(true);

    const estates = (await api<EstateCollection>('/api/estates')).features;
    expect(estates.length).toBe(config.estateSource.estates);
    const estate = [...estates].sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0] as EstateApiFeature;
    const dashboard = await api<{ estates: { estateId: number; stage: string }[] }>('/api/dashboard');
    const stages = await api<{ stages: { id: string; colour: string }[] }>('/api/stages');
    const stage = dashboard.estates.find((e) => e.estateId === estate.id)?.stage;
    const colour = stages.stages.find((s) => s.id === stage)?.colour;
    if (!colour) throw new Error(`no stage colour for estate ${estate.id}`);

    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    const expected = blendOver([...hexToRgb(colour), ESTATE_FILL_ALPHA], LAND);
    // Tiles arrive after the camera move; a busy machine takes its time.
    await expect
      .poll(async () => shareOfColour(await screenPixels(page, x, y), expected), { timeout: 20_000, message: `rgb(${expected.join(',')})` })
      .toBeGreaterThanOrEqual(0.6);

    await page.mouse.click(x, y);
    const name = page.getByTestId('estate-panel-name');
    await name.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await name.textContent()).toBe(estate.properties.name);
    // Opening it fetched that one estate, still not the collection.
    expect(requested).toContain(`/api/estates/${estate.id}`);
    expect(wholeCollectionRequests()).toEqual([]);

    const summary = await api<{ estates: number }>('/api/summary');
    expect((await page.getByTestId('summary-estates').textContent())?.replace(/[^\d]/g, '')).toBe(String(summary.estates));
    await page.locator('.atlas-estate-drawer .ant-drawer-close').click();
    await name.waitFor({ state: 'detached', timeout: 10_000 });
  }, 90_000);

  it('describes an estate the browser does not hold in its hover card, from its tile', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    );
    // The second largest: the first test opened the largest, and a tiled city holds only the estates opened.
    const estate = estates[1]!;
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    const title = page.locator('.atlas-tooltip-title');
    await expect
      .poll(
        async () => {
          await page.mouse.move(x + 1, y);
          await page.mouse.move(x, y);
          return (await title.count()) > 0 ? await title.first().textContent() : null;
        },
        { timeout: 20_000 },
      )
      .toBe(estate.properties.name);
    const card = await page.locator('.atlas-tooltip').first().textContent();
    expect(card?.replace(/[,\s]/g, '')).toContain(String(estate.properties.households));
    await page.mouse.move(5, 5);
  }, 60_000);

  it('loads facilities, roads and the dashboard’s estates by area or by estate only, and an opened estate’s gaps are those the server finds with all of them', async () => {
    // Never the whole city's facilities or roads: each request names the area it wants.
    expect(new Set(areaRequests.map((url) => url.pathname))).toEqual(new Set(['/api/facilities', '/api/roads']));
    expect(areaRequests.filter((url) => !url.searchParams.has('bbox')).map(String)).toEqual([]);
    // The legend counts the city's facilities, not the few held.
    const counts = await api<{ byType: Record<string, number> }>('/api/facilities/counts');
    const legendCount = async (id: string) =>
      Number((await page.getByTestId(`facility-legend-${id}`).locator('.atlas-count').textContent()) ?? NaN);
    for (const [id, count] of Object.entries(counts.byType)) await expect.poll(() => legendCount(id), { timeout: 10_000 }).toBe(count);

    // The estate with the most gaps, and some facility of each missing type within the search, as coverage.browser.test.ts picks.
    type Coverage = { estates: { id: number; gaps: string[] }[] };
    const city = await api<Coverage>('/api/coverage?scope=city&model=network');
    const chosen = [...city.estates]
      .sort((a, b) => b.gaps.length - a.gaps.length || a.id - b.id)
      .find((e) => e.gaps.length > 0 && e.gaps.length < 23);
    if (!chosen) throw new Error('the demo city has no under-served estate');
    const straight = await api<Coverage>(`/api/coverage?scope=estate&id=${chosen.id}&model=euclidean`);
    const estate = await api<EstateApiFeature>(`/api/estates/${chosen.id}`);
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    await page.mouse.click(x, y);
    await page.getByTestId('estate-panel-name').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => shownCoverageGaps(page), { timeout: 60_000 }).toEqual([...chosen.gaps].sort());
    await page.getByTestId('coverage-model-panel').getByText('直线距离').click();
    await page.getByTestId('coverage-origin').getByText('直线距离', { exact: false }).waitFor({ timeout: 30_000 });
    await expect.poll(() => shownCoverageGaps(page), { timeout: 60_000 }).toEqual([...(straight.estates[0]?.gaps ?? [])].sort());
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-estate-coverage-zh-1440.png') });
    await page.getByTestId('coverage-model-panel').getByText('步行路网').click();
    await page.getByTestId('coverage-origin').getByText('沿道路步行距离', { exact: false }).waitFor({ timeout: 30_000 });
    // The estate's surroundings were asked for: an area holding the estate with the search's reach round it.
    const [west, south, east, north] = bbox(estate);
    const asked = areaRequests
      .filter((url) => url.pathname === '/api/roads')
      .map((url) => (url.searchParams.get('bbox') ?? '').split(',').map(Number));
    expect(asked.some(([w = 0, s = 0, e = 0, n = 0]) => w < west - 0.02 && s < south - 0.02 && e > east + 0.02 && n > north + 0.02)).toBe(
      true,
    );
    // The dashboard lists the estates the map holds (and zone members), never the whole city's; the opened one among them.
    const listed = dashboardRequests.map((url) => url.searchParams.get('estates'));
    expect(listed.filter((ids) => ids === null)).toEqual([]);
    expect(listed.some((ids) => ids?.split(',').includes(String(chosen.id)))).toBe(true);
    await page.locator('.atlas-estate-drawer .ant-drawer-close').click();
    await page.getByTestId('estate-panel-name').waitFor({ state: 'detached', timeout: 10_000 });
    expect(areaRequests.filter((url) => !url.searchParams.has('bbox')).map(String)).toEqual([]);
  }, 180_000);

  it('recolours every estate from the tiles’ attributes when the colouring changes', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features;
    const urgent = estates.filter((f) => f.properties.urgent).sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0];
    if (!urgent) throw new Error('the demo city has no urgent estate');
    // Life-circle colourings need per-estate results the browser does not hold for a tiled city.
    expect(await disabledColourings(page)).toEqual(['某类设施可达性', '生活圈缺项数']);
    await chooseColouring(page, '是否纳入改造范围');
    const [lng = 0, lat = 0] = pointOnFeature(urgent).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    const expected = blendOver([...STATUS_COLOURS.urgent, ESTATE_FILL_ALPHA], LAND);
    await expect.poll(async () => shareOfColour(await screenPixels(page, x, y), expected), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.6);

    // And back: the same estate in its stage's colour, the colouring the map opened with, its tiles not cut again.
    await page.waitForTimeout(1000);
    const tilesCut = () => page.evaluate(() => window.__atlas?.estateTilesCut ?? Number.NaN);
    const cutBefore = await tilesCut();
    await chooseColouring(page, '改造状态（项目阶段）');
    const [stage] = (await api<{ estates: { estateId: number; stage: string }[] }>('/api/dashboard')).estates.filter(
      (e) => e.estateId === urgent.id,
    );
    const stageColour = (await api<{ stages: { id: string; colour: string }[] }>('/api/stages')).stages.find((s) => s.id === stage?.stage);
    if (!stageColour) throw new Error(`no colour for the stage of estate ${urgent.id}`);
    const staged = blendOver([...hexToRgb(stageColour.colour), ESTATE_FILL_ALPHA], LAND);
    await expect.poll(async () => shareOfColour(await screenPixels(page, x, y), staged), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.6);
    expect(await tilesCut()).toBe(cutBefore);
  }, 60_000);

  it('colours estates by sub-district from the tiles as the legend names the sub-districts in view', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features;
    const subdistricts = (await api<OutlinedSubdistrictCollection>('/api/subdistricts')).features;
    // Two neighbouring sub-districts' largest estates: consecutive codes, different colours.
    const [first, second] = [...new Set(estates.map((f) => f.properties.subdistrictCode))].sort();
    const largestIn = (code: string | null | undefined) =>
      estates.filter((f) => f.properties.subdistrictCode === code).sort((a, b) => b.properties.landAreaM2 - a.properties.landAreaM2)[0]!;
    await chooseColouring(page, '所属街道');
    const drawn: Rgb[] = [];
    for (const estate of [largestIn(first), largestIn(second)]) {
      const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
      await jumpTo(page, [lng, lat], 16, 1500);
      const code = estate.properties.subdistrictCode!;
      const name = subdistricts.find((s) => s.properties.code === code)?.properties.name;
      // Zoomed in on the estate, the legend names its sub-district.
      await expect.poll(() => page.getByTestId(`estate-legend-${code}`).textContent()).toBe(name);
      const colour = blendOver([...(await legendSwatchColour(page, `estate-legend-${code}`)), ESTATE_FILL_ALPHA], LAND);
      const [x, y] = await project(page, [lng, lat]);
      await expect.poll(async () => shareOfColour(await screenPixels(page, x, y), colour), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.6);
      drawn.push(colour);
    }
    expect(colourDifference(drawn[0]!, drawn[1]!)).toBeGreaterThan(10);
    await chooseColouring(page, '改造状态（项目阶段）');
  }, 60_000);

  it('recolours an estate when its progress is recorded elsewhere and on a replayed day, without fetching a tile again', async () => {
    type Dashboard = { estates: { estateId: number; stage: string }[] };
    const stages = (await api<{ stages: { id: string; colour: string }[] }>('/api/stages')).stages;
    const drawn = (stage: string) => blendOver([...hexToRgb(stages.find((s) => s.id === stage)!.colour), ESTATE_FILL_ALPHA], LAND);
    const stageOf = async (estateId: number, query = '') =>
      (await api<Dashboard>(`/api/dashboard${query}`)).estates.find((e) => e.estateId === estateId)?.stage;
    // The largest estate with a later stage to move on to, drawn in a colour unlike its own.
    const estates = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    );
    const now = await api<Dashboard>('/api/dashboard');
    let chosen: { estate: EstateApiFeature; from: string; to: string } | null = null;
    for (const estate of estates) {
      const from = now.estates.find((e) => e.estateId === estate.id)?.stage;
      const to = stages[stages.findIndex((s) => s.id === from) + 1]?.id;
      if (from && to && colourDifference(drawn(from), drawn(to)) > 15) {
        chosen = { estate, from, to };
        break;
      }
    }
    if (!chosen) throw new Error('no estate can move on to a stage of another colour');
    const { estate, from, to } = chosen;
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    const shows = (stage: string) =>
      expect
        .poll(async () => shareOfColour(await screenPixels(page, x, y), drawn(stage)), {
          timeout: 20_000,
          message: `${estate.id} in ${stage}`,
        })
        .toBeGreaterThanOrEqual(0.6);
    await shows(from);
    const tileRequests = () => requested.filter((path) => /^\/api\/tiles\/estates\/\d+\//.test(path)).length;
    const tilesBefore = tileRequests();
    const summaryRequests = () => requested.filter((path) => path === '/api/summary').length;
    const summariesBefore = summaryRequests();

    // A planner elsewhere records the next stage: the server's change event recolours the estate here.
    await postJson(`${server.url}/api/progress`, { estateId: estate.id, date: calendarDate(new Date()), stage: to, progressPct: 5 });
    await shows(to);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-progress-recoloured.png') });

    // Back to the first day of the history: the estate shows its stage then, as the dashboard answers it.
    await page.getByTestId('dashboard-toggle').click();
    const handle = page.locator('.programme-replay-slider .ant-slider-handle');
    await handle.focus();
    await page.keyboard.press('Home');
    const firstDay = (await page.getByTestId('replay-date').textContent())!.trim();
    const then = (await stageOf(estate.id, `?asOf=${firstDay}`))!;
    expect(then).not.toBe(to);
    await shows(then);
    await page.getByTestId('replay-live').click();
    await shows(to);
    await page.getByTestId('dashboard-toggle').click();
    // No tile was asked for again: the stages came as a list of estates, coloured over the tiles held.
    expect(tileRequests()).toBe(tilesBefore);
    expect(requested.filter((path) => path === '/api/tiles/estates/stages').length).toBeGreaterThanOrEqual(3);
    // Nor the totals: they are of ledger fields, which no stage moves.
    expect(summaryRequests()).toBe(summariesBefore);
    expect(await stageOf(estate.id)).toBe(to);
  }, 120_000);

  it('draws an estate another planner adds and leaves it out again when they delete it, with the totals following', async () => {
    const [free] = await findFreeSpots(server.db, 11);
    if (!free) throw new Error('no free spot for a new estate');
    const estatesCount = async () => ((await page.getByTestId('summary-estates').textContent()) ?? '').replace(/\D/g, '');
    const [before] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
    const added = await postJson<EstateApiFeature>(`${server.url}/api/estates`, newEstateFeature(squareAround(free.lng, free.lat, 30)));
    const stageColour = await stageColours();
    // Not this browser's write: only the server's change event can bring it here.
    await shows(added, stageColour(added), 'added elsewhere');
    await expect.poll(estatesCount, { timeout: 15_000 }).toBe(String((before?.n ?? 0) + 1));
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-added-elsewhere.png') });

    const deleted = await apiFetch(`${server.url}/api/estates/${added.id}?version=${added.properties.version}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const [x, y] = await project(page, [free.lng, free.lat]);
    await expect
      .poll(async () => shareOfColour(await screenPixels(page, x, y), stageColour(added)), {
        timeout: 20_000,
        message: `${added.id} deleted`,
      })
      .toBeLessThan(0.2);
    await expect.poll(estatesCount, { timeout: 15_000 }).toBe(String(before?.n));
  }, 90_000);

  it('draws a facility another user adds in an area it holds, follows its rename and leaves it out when it is deleted, asking by area only', async () => {
    const [, spot] = await findFreeSpots(server.db, 13);
    if (!spot) throw new Error('no free spot for a new facility');
    const at: LngLat = [spot.lng, spot.lat];
    await jumpTo(page, at, 16, 1500);
    // The area round the spot is held before the other user writes: only the change event can bring the facility.
    const facilityAsks = () => areaRequests.filter((url) => url.pathname === '/api/facilities').length;
    let settled = -1;
    await expect
      .poll(
        async () => {
          const now = facilityAsks();
          const still = now === settled;
          settled = now;
          await page.waitForTimeout(700);
          return still;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const asksBefore = facilityAsks();
    const added = await postJson<{ id: number; properties: { version: number } }>(`${server.url}/api/facilities`, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { type: 'kindergarten', name: '瓦片城新增幼儿园', status: 'existing' },
    });
    const panelName = () => shownText(page, 'facility-panel-name');
    await expect
      .poll(
        async () => {
          const [x, y] = await project(page, at);
          await page.mouse.click(x, y);
          return panelName();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('瓦片城新增幼儿园');
    const renamed = await apiFetch(`${server.url}/api/facilities/${added.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: added.properties.version, properties: { name: '瓦片城改名幼儿园' } }),
    });
    expect(renamed.status).toBe(200);
    await expect.poll(panelName, { timeout: 15_000 }).toBe('瓦片城改名幼儿园');
    const version = ((await renamed.json()) as { properties: { version: number } }).properties.version;
    const deleted = await apiFetch(`${server.url}/api/facilities/${added.id}?version=${version}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await page.getByTestId('facility-panel').waitFor({ state: 'detached', timeout: 15_000 });
    // Each change asked again for the held areas, each by its box: never the whole city's facilities.
    expect(facilityAsks()).toBeGreaterThan(asksBefore);
    expect(areaRequests.filter((url) => !url.searchParams.has('bbox')).map(String)).toEqual([]);
  }, 120_000);

  /** How an estate is drawn in its stage colour today, by the dashboard's answer. */
  async function stageColours(): Promise<(estate: EstateApiFeature) => Rgb> {
    const dashboard = await api<{ estates: { estateId: number; stage: string }[] }>('/api/dashboard');
    const stages = (await api<{ stages: { id: string; colour: string }[] }>('/api/stages')).stages;
    return (estate) => {
      const stage = dashboard.estates.find((e) => e.estateId === estate.id)?.stage;
      return blendOver([...hexToRgb(stages.find((s) => s.id === stage)!.colour), ESTATE_FILL_ALPHA], LAND);
    };
  }

  /** Waits until most pixels around a point inside the estate, zoomed in on it, have the colour. */
  async function shows(estate: EstateApiFeature, expected: Rgb, what: string): Promise<void> {
    const [lng = 0, lat = 0] = pointOnFeature(estate).geometry.coordinates;
    await jumpTo(page, [lng, lat], 16, 1500);
    const [x, y] = await project(page, [lng, lat]);
    await expect
      .poll(async () => shareOfColour(await screenPixels(page, x, y), expected), { timeout: 20_000, message: `${estate.id} ${what}` })
      .toBeGreaterThanOrEqual(0.6);
  }

  const FADED = blendOver([...FILTERED_OUT_COLOUR], LAND);

  it('fades the estates outside a chosen sub-district and totals its estates, as the GeoJSON map does, and shows them again when it is cleared', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    );
    const drawnIn = await stageColours();
    const inside = estates.find((e) => e.properties.subdistrictCode !== null)!;
    const outside = estates.find(
      (e) => e.properties.subdistrictCode !== inside.properties.subdistrictCode && colourDifference(drawnIn(e), FADED) > 15,
    )!;
    const subdistricts = (await api<OutlinedSubdistrictCollection>('/api/subdistricts')).features;
    const name = subdistricts.find((f) => f.properties.code === inside.properties.subdistrictCode)!.properties.name;
    const pick = () => toggleSelectOption(page, 'subdistrict-filter', name);
    await pick();
    // The summary strip counts the server's estates of the sub-district, as the collection's strip counts its own.
    const members = estates.filter((e) => e.properties.subdistrictCode === inside.properties.subdistrictCode).length;
    await expect
      .poll(async () => (await page.getByTestId('summary-estates').textContent())?.replace(/[^\d]/g, ''), { timeout: 15_000 })
      .toBe(String(members));
    await shows(outside, FADED, 'faded outside the sub-district');
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-filter-faded.png') });
    await shows(inside, drawnIn(inside), 'in its colour inside the sub-district');
    await pick();
    await shows(outside, drawnIn(outside), 'in its colour again');
    await expect
      .poll(async () => (await page.getByTestId('summary-estates').textContent())?.replace(/[^\d]/g, ''), { timeout: 15_000 })
      .toBe(String(estates.length));
    expect(wholeCollectionRequests()).toEqual([]);
  }, 90_000);

  it('fades the estates outside the leaders’ plan year, which no tile carries, and shows them again when the filter is cleared', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    );
    const plans = await api<{ year: number; estates: { estateId: number }[] }[]>('/api/plans');
    const plan = plans.find((p) => p.estates.length > 0)!;
    const members = new Set(plan.estates.map((e) => e.estateId));
    const drawnIn = await stageColours();
    const inside = estates.find((e) => members.has(e.id) && colourDifference(drawnIn(e), FADED) > 15)!;
    const outside = estates.find((e) => !members.has(e.id) && colourDifference(drawnIn(e), FADED) > 15)!;

    await page.getByTestId('dashboard-toggle').click();
    await page.getByTestId('programme-filter-year').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: String(plan.year) })
      .first()
      .click();
    await page.getByTestId('dashboard-toggle').click();
    await shows(outside, FADED, `faded outside the ${plan.year} plan`);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-programme-filter-faded.png') });
    await shows(inside, drawnIn(inside), `in its colour inside the ${plan.year} plan`);

    await page.getByTestId('dashboard-toggle').click();
    await page.getByTestId('programme-filter-clear').click();
    await page.getByTestId('dashboard-toggle').click();
    await shows(outside, drawnIn(outside), 'in its colour again');
    expect(wholeCollectionRequests()).toEqual([]);
  }, 90_000);

  it('fades the estates the ledger’s text search does not find, which tiles cannot search, and shows them again when it is cleared', async () => {
    const estates = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    );
    const drawnIn = await stageColours();
    // An estate whose name no other estate's name, code or address contains.
    const texts = (f: EstateApiFeature) => [f.properties.name, f.properties.code ?? '', f.properties.address ?? ''].join(' ');
    const found = estates.find(
      (e) => colourDifference(drawnIn(e), FADED) > 15 && estates.every((o) => o.id === e.id || !texts(o).includes(e.properties.name)),
    )!;
    const other = estates.find((e) => e.id !== found.id && colourDifference(drawnIn(e), FADED) > 15)!;
    const search = async (text: string) => {
      await page.getByTestId('ledger-toggle').click();
      await page.getByTestId('ledger-search').locator('input').first().fill(text);
      await page.getByTestId('ledger-toggle').click();
    };
    await search(found.properties.name);
    await shows(other, FADED, 'faded outside the search');
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-search-faded.png') });
    await shows(found, drawnIn(found), 'in its colour, found by the search');
    await search('');
    await shows(other, drawnIn(other), 'in its colour again');
    expect(wholeCollectionRequests()).toEqual([]);
    expect(requested.filter((path) => path === '/api/estates/matching').length).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('pages the ledger from the server in a column’s order, counting and totalling the whole city, and opens a row the browser does not hold', async () => {
    const order = await server.db.query<{ id: number; name: string }>(
      'SELECT id, name FROM estates ORDER BY households DESC NULLS LAST, id',
    );
    const [city] = await server.db.query<{ households: number }>('SELECT sum(households)::int AS households FROM estates');
    const digits = async (testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, '');
    const firstRowId = () => page.locator('.atlas-ledger .ant-table-row').first().getAttribute('data-estate-id');
    const pageRange = () => page.locator('.atlas-ledger .ant-pagination-total-text').textContent();
    expect(order.length).toBeGreaterThan(LEDGER_PAGE_ROWS);

    const summaryRequests = () => requested.filter((path) => path === '/api/summary').length;
    const summariesBefore = summaryRequests();
    await page.getByTestId('ledger-toggle').click();
    await expect.poll(() => digits('ledger-count'), { timeout: 20_000 }).toBe(`${order.length}${order.length}`);
    await expect.poll(() => digits('ledger-total-households')).toBe(String(city?.households));
    // The ledger's totals are the summary strip's: opening it asks the server for none of its own.
    expect(summaryRequests()).toBe(summariesBefore);
    await expect.poll(pageRange).toBe(`第 1–${LEDGER_PAGE_ROWS} 个，共 ${order.length} 个`);

    // antd sorts ascending on the first click, descending on the second.
    const households = page.locator('.atlas-ledger th', { hasText: ledgerField('households').label.zh });
    await households.click();
    await households.click();
    await expect.poll(firstRowId, { timeout: 20_000 }).toBe(String(order[0]?.id));
    await page.locator('.atlas-ledger .ant-pagination-item-2').click();
    await expect.poll(firstRowId, { timeout: 20_000 }).toBe(String(order[LEDGER_PAGE_ROWS]?.id));
    await expect.poll(pageRange).toBe(`第 ${LEDGER_PAGE_ROWS + 1}–${order.length} 个，共 ${order.length} 个`);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-ledger-page-2.png') });

    // A row of page 2 is no estate the browser holds: opening it fetches it.
    const opened = order[LEDGER_PAGE_ROWS + 1]!;
    await page.locator(`.atlas-ledger .ant-table-row[data-estate-id="${opened.id}"] [data-testid="ledger-name"]`).click();
    await expect.poll(() => page.getByTestId('estate-panel-name').textContent(), { timeout: 30_000 }).toBe(opened.name);
    expect(requested).toContain(`/api/estates/${opened.id}`);
    // Closed again: its selection outline would stay on the map the next test reads.
    await page.locator('.ant-drawer-close:visible').first().click();
    await page.getByTestId('estate-panel-name').waitFor({ state: 'hidden', timeout: 10_000 });

    // A new filter starts again at page 1 and counts only what it passes.
    const searched = order[order.length - 1]!;
    await page.getByTestId('ledger-search').locator('input').first().fill(searched.name);
    await expect.poll(firstRowId, { timeout: 20_000 }).toBe(String(searched.id));
    const matching = order.filter((e) => e.name.toLowerCase().includes(searched.name.toLowerCase())).length;
    await expect.poll(() => digits('ledger-count')).toBe(`${matching}${order.length}`);
    await page.getByTestId('ledger-search').locator('input').first().fill('');
    await expect.poll(firstRowId, { timeout: 20_000 }).toBe(String(order[0]?.id));

    for (const viewport of SCREENSHOT_VIEWPORTS) {
      for (const lang of ['zh', 'en'] as const) {
        await page.setViewportSize(viewport);
        await page.getByTestId(`lang-${lang}`).click();
        await page.locator('.atlas-ledger .ant-pagination-total-text').waitFor();
        await page.screenshot({ path: join(OUTPUT_DIR, `tiles-ledger-${viewport.width}x${viewport.height}-${lang}.png`) });
        // The dock opened on the tall window: shrinking the window lowers it, so the map's own buttons stay apart.
        const found = await layoutProblems(
          page,
          [
            '.atlas-ledger-toolbar .ant-btn',
            '.atlas-ledger .ant-pagination li',
            '.atlas-map-view-buttons .ant-btn',
            '.atlas-select-tools .ant-btn',
          ],
          ['.atlas-ledger-label', '.atlas-ledger-count', '.atlas-ledger .ant-pagination-total-text'],
        );
        expect({ lang, viewport, ...found }).toEqual({ lang, viewport, covered: [], cut: [], rawKeys: [] });
      }
    }
    await page.setViewportSize(SCREENSHOT_VIEWPORTS[0]);
    await page.getByTestId('lang-zh').click();
    await page.getByTestId('ledger-close').click();
    // Every list the ledger asked for was one page, never the whole collection.
    expect(wholeCollectionRequests()).toEqual([]);
    expect(estateListRequests.every((url) => url.searchParams.get('limit') === String(LEDGER_PAGE_ROWS))).toBe(true);
  }, 150_000);

  it('draws the community boundaries from tiles, having loaded no community yet', async () => {
    // Not the outlines (a province's are megabytes), and not the names either until the estate form needs them.
    expect(communityRequests.map(String)).toEqual([]);
    const largest = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    )[0]!;
    const centre = pointOnFeature(largest).geometry.coordinates as LngLat;
    // Only the land and the community boundaries left: the boundaries are the only purple there.
    const clutter = ['estates', 'facilities', 'roads', 'subdistricts', 'labels'] as const;
    for (const key of clutter) await page.getByTestId(`layer-toggle-${key}`).click();
    await jumpTo(page, centre, 15, 1500);
    const [x, y] = await project(page, centre);
    const purple = async () => (await screenPixels(page, x, y, 150)).filter(([r, g, b]) => r > g + 5 && b > g + 15).length;
    await expect.poll(purple, { timeout: 20_000, message: 'community boundary pixels' }).toBeGreaterThan(40);
    expect(requested.some((path) => path.startsWith('/api/tiles/communities/15/'))).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-communities.png') });
    // The layer toggle hides them, as it hides a collection's.
    await page.getByTestId('layer-toggle-communities').click();
    await expect.poll(purple, { timeout: 10_000, message: 'community boundaries hidden' }).toBeLessThan(5);
    for (const key of [...clutter, 'communities']) await page.getByTestId(`layer-toggle-${key}`).click();
  }, 60_000);

  it('draws the sub-district boundaries from tiles, having listed the sub-districts without their outlines', async () => {
    expect(subdistrictRequests.length).toBeGreaterThan(0);
    expect(subdistrictRequests.filter((url) => url.searchParams.get('geometry') !== 'none').map(String)).toEqual([]);
    // Only the land and the sub-district boundaries left: the boundaries are the only purple there.
    const clutter = ['estates', 'facilities', 'roads', 'communities', 'labels'] as const;
    for (const key of clutter) await page.getByTestId(`layer-toggle-${key}`).click();
    const centre: LngLat = [109.41, 24.31];
    await jumpTo(page, centre, 13.5, 1500);
    const [x, y] = await project(page, centre);
    const purple = async () => (await screenPixels(page, x, y, 150)).filter(([r, g, b]) => r > g + 5 && b > g + 15).length;
    await expect.poll(purple, { timeout: 20_000, message: 'sub-district boundary pixels' }).toBeGreaterThan(40);
    expect(requested.some((path) => path.startsWith('/api/tiles/subdistricts/13/'))).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-subdistrict-boundaries.png') });
    await page.getByTestId('layer-toggle-subdistricts').click();
    await expect.poll(purple, { timeout: 10_000, message: 'sub-district boundaries hidden' }).toBeLessThan(5);
    for (const key of [...clutter, 'subdistricts']) await page.getByTestId(`layer-toggle-${key}`).click();
  }, 60_000);

  it('offers in the estate form the communities of the estate’s sub-district, their names loaded when the form first opens, and a save updates the totals and the tiles’ version', async () => {
    const largest = (await api<EstateCollection>('/api/estates')).features.sort(
      (a, b) => b.properties.landAreaM2 - a.properties.landAreaM2,
    )[0]!;
    const expected = (
      await server.db.query<{ name: string }>('SELECT name FROM communities WHERE subdistrict_code = $1 ORDER BY name', [
        largest.properties.subdistrictCode,
      ])
    ).map((r) => r.name);
    expect(expected.length).toBeGreaterThan(0);
    const tileLayersAsked = () => requested.filter((path) => path === '/api/tiles').length;
    const tileLayersBefore = tileLayersAsked();
    const centre = pointOnFeature(largest).geometry.coordinates as LngLat;
    await jumpTo(page, centre, 16, 1500);
    const [x, y] = await project(page, centre);
    await page.mouse.click(x, y);
    await expect.poll(() => page.getByTestId('estate-panel-name').textContent(), { timeout: 30_000 }).toBe(largest.properties.name);
    await page.getByTestId('edit-edit').click();
    await page.getByTestId('edit-status').waitFor({ state: 'visible' });
    // The names only, once.
    await expect.poll(() => communityRequests.map((url) => url.searchParams.get('geometry'))).toEqual(['none']);

    const select = page.getByTestId('form-community');
    // Its own community named, not its code, once the names are in.
    await expect.poll(() => select.textContent(), { timeout: 20_000 }).toBe(largest.properties.community);
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    // Read while the list shows; opened again if it has closed (a store update can re-render it as it opens).
    await expect
      .poll(
        async () => {
          if ((await options.count()) === 0) await select.click();
          return (await options.allTextContents()).sort();
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toEqual([...expected].sort());
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-estate-form-communities.png') });
    await page.keyboard.press('Escape');

    // A save in a tiled city: the server's totals and the tiles' data version follow it.
    const households = page.locator('[data-testid="form-item-households"] input');
    const before = Number(await households.inputValue());
    await households.fill(String(before + 7));
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/estates/${largest.id}`) && r.request().method() === 'PATCH'),
      page.getByTestId('edit-save').click(),
    ]);
    expect(saved.status(), await saved.text()).toBe(200);
    await page.getByTestId('edit-status').waitFor({ state: 'detached', timeout: 10_000 });
    const [city] = await server.db.query<{ households: number }>('SELECT sum(households)::int AS households FROM estates');
    await expect
      .poll(async () => ((await page.getByTestId('summary-households').textContent()) ?? '').replace(/\D/g, ''), { timeout: 15_000 })
      .toBe(String(city?.households));
    // Only the write asked for the tile layers again (once: its own change event brings nothing new); opening the estate did not.
    await expect.poll(tileLayersAsked).toBe(tileLayersBefore + 1);
    await page.waitForTimeout(1000);
    expect(tileLayersAsked()).toBe(tileLayersBefore + 1);
    await page.locator('.atlas-estate-drawer .ant-drawer-close').click();
    await page.getByTestId('estate-panel-name').waitFor({ state: 'detached', timeout: 10_000 });
    // The names were asked for once.
    expect(communityRequests).toHaveLength(1);
  }, 90_000);

  it('fills each sub-district by its share of estates started below the tiles’ first zoom', async () => {
    const subdistricts = (await api<OutlinedSubdistrictCollection>('/api/subdistricts')).features;
    const dashboard = await api<{ bySubdistrict: { code: string | null; started: number }[] }>('/api/dashboard');
    // The sub-district with the most estates started, at a point away from its label.
    const rows = subdistricts
      .map((f) => ({ f, started: dashboard.bySubdistrict.find((r) => r.code === f.properties.code)?.started ?? 0 }))
      .sort((a, b) => b.started / b.f.properties.estates - a.started / a.f.properties.estates);
    const top = rows[0];
    if (!top || top.started === 0) throw new Error('no sub-district has started estates');
    const inside = pointOnFeature(top.f).geometry.coordinates as LngLat;
    // The demo city is small at this zoom: without the dots, lines and labels drawn over it the fill shows plainly.
    const clutter = ['facilities', 'roads', 'communities', 'labels'] as const;
    for (const key of clutter) await page.getByTestId(`layer-toggle-${key}`).click();
    await jumpTo(page, inside, TILE_LAYERS.estates.minZoom - 0.3, 1500);
    const [x, y] = await project(page, inside);
    const ramp = interpolateStops(STARTED_SHARE_RAMP, top.started / top.f.properties.estates);
    const expected = blendOver([...ramp, Math.round(SUBDISTRICT_SHARE_OPACITY * 255)], LAND);
    await expect
      .poll(async () => shareOfColour(await screenPixels(page, x, y, 1), expected, 10), {
        timeout: 20_000,
        message: `rgb(${expected.join(',')})`,
      })
      .toBeGreaterThanOrEqual(0.6);
    await page.screenshot({ path: join(OUTPUT_DIR, 'tiles-subdistricts.png') });
    for (const key of clutter) await page.getByTestId(`layer-toggle-${key}`).click();
    // No estate is drawn there: the tiles start at their first zoom.
    expect(
      requested.some(
        (path) => /^\/api\/tiles\/estates\/(\d+)\//.test(path) && Number(/\/(\d+)\//.exec(path)?.[1]) < TILE_LAYERS.estates.minZoom,
      ),
    ).toBe(false);
  }, 60_000);

  it('lays out cleanly at both sizes in both languages', async () => {
    for (const viewport of SCREENSHOT_VIEWPORTS) {
      for (const lang of ['zh', 'en'] as const) {
        await page.setViewportSize(viewport);
        await page.getByTestId(`lang-${lang}`).click();
        await jumpTo(page, [109.41, 24.31], TILE_LAYERS.estates.minZoom + 2.5, 1500);
        await page.getByTestId('estate-legend-started-share').waitFor({ state: 'attached' });
        await page.screenshot({ path: join(OUTPUT_DIR, `tiles-${viewport.width}x${viewport.height}-${lang}.png`) });
        const found = await layoutProblems(page, ['.atlas-legend'], ['.atlas-legend-label', '.atlas-stat-label']);
        expect({ lang, viewport, ...found }).toEqual({ lang, viewport, covered: [], cut: [], rawKeys: [] });
      }
    }
    await page.getByTestId('lang-zh').click();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
