/**
 * What the browser tests share: where Chromium is and how to launch it, when to skip, where
 * screenshots go, signing in (the page's cookie jar, or headers for the test's own API calls),
 * and how to wait for the map's test hook.
 */
import type { LngLat } from '../../core/geometry/lng-lat';
import { colourDifference, type Rgb } from '../../core/colour';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Role } from '../../core/access';
import { DEMO_ACCOUNTS } from '../../server/seed/demo-accounts';
import { signIn } from '../helpers/sign-in';
import { startTestServer } from '../helpers/test-server';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const OUTPUT_DIR = fileURLToPath(new URL('../output', import.meta.url));
const BUILT_CLIENT = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Without Chromium the browser tests are skipped locally, but fail in CI. */
export const skipBrowserTests = !existsSync(CHROMIUM_PATH) && !process.env.CI;
if (skipBrowserTests)
  console.warn(`[browser test] skipped: ${CHROMIUM_PATH} is missing (install chromium; in CI this test fails instead).`);

/** Throws when the client has not been built and no running server was given. */
export function assertClientBuilt(): void {
  if (!existsSync(BUILT_CLIENT) && !process.env.ATLAS_TEST_URL) {
    throw new Error('dist/client is missing — run `npx vite build` before the browser test.');
  }
}

export function ensureOutputDir(): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function newAtlasPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
}

/**
 * Waits until the antd modal holding `testId` has finished its opening zoom. A click during the
 * zoom can land on the mask as the button grows under the pointer, which closes the dialog.
 */
export async function waitForModalSettled(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).waitFor({ state: 'visible' });
  await page.waitForFunction(
    (id) => {
      const modal = document.querySelector(`[data-testid="${id}"]`)?.closest('.ant-modal');
      return (
        modal instanceof HTMLElement && modal.getAnimations({ subtree: true }).length === 0 && !/-(appear|enter)/.test(modal.className)
      );
    },
    testId,
    { timeout: 10_000 },
  );
}

/**
 * Closes the antd modal holding `testId` with its close button and waits until it has gone. Escape
 * reaches the dialog only while focus is inside it, and a select's open list takes it first.
 */
export async function closeModal(page: Page, testId: string): Promise<void> {
  const wrap = page.locator('.ant-modal-wrap').filter({ has: page.getByTestId(testId) });
  await wrap.locator('.ant-modal-close').click();
  await wrap.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The option `label` (the whole of its text) in the antd select list open now. */
function openOption(page: Page, label: string): Locator {
  const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: exactly });
}

/** The text of `testId` on the page now, or '' when it is not there (for polling what a panel shows). */
export function shownText(page: Page, testId: string): Promise<string> {
  return page
    .getByTestId(testId)
    .textContent({ timeout: 500 })
    .then(
      (text) => text ?? '',
      () => '',
    );
}

/** Polls `check` for up to `ms`; answers whether it became true. */
async function becomes(page: Page, check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await page.waitForTimeout(100)) {
    if (await check().catch(() => false)) return true;
  }
  return false;
}

/** Chooses the map's colouring `label` among the colour-by choices (Playwright scrolls to it and checks that it took). */
export async function chooseColouring(page: Page, label: string): Promise<void> {
  await page.getByTestId('colour-by').getByRole('radio', { name: label, exact: true }).check({ timeout: 10_000 });
}

/** What says a choice in a select took, and how long to wait for it. */
export interface ChoiceTook {
  check: () => Promise<boolean>;
  withinMs: number;
}

/**
 * Chooses `label` in the antd (single) select `select`. On a loaded machine the list can close
 * again while it slides in, or swallow the click: whether the choice took is read back — by default
 * the select's shown value, or `took` where the page answers otherwise (a refusal, say) — and the
 * choice made again (up to three times) until it did.
 */
export async function chooseSelectOption(page: Page, select: Locator, label: string, took?: ChoiceTook): Promise<void> {
  const { check, withinMs } = took ?? { check: async () => (await select.textContent())?.includes(label) ?? false, withinMs: 3_000 };
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const clicked = await openOption(page, label)
      .click({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (clicked && (await becomes(page, check, withinMs))) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not choose ${label}`);
}

/**
 * Ticks or unticks `label` in the antd multiple select `testId` and closes its list, reading the
 * option's ticked state back in the open list and choosing again (up to three times) until it took.
 */
export async function toggleSelectOption(page: Page, testId: string, label: string): Promise<void> {
  const option = openOption(page, label);
  const ticked = () => option.evaluate((el) => el.classList.contains('ant-select-item-option-selected'));
  let wanted: boolean | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId(testId).click();
    const before = await option.waitFor({ timeout: 10_000 }).then(ticked, () => undefined);
    if (before !== undefined) {
      wanted ??= !before;
      if (before !== wanted) await option.click({ timeout: 5_000 }).catch(() => undefined);
      const took = await becomes(page, async () => (await ticked()) === wanted, 5_000);
      await page.keyboard.press('Escape');
      if (took) return;
    } else {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not ${wanted === false ? 'untick' : 'tick'} ${label} in ${testId}`);
}

/** The map's test hook as the browser tests drive it (client/src/map/test-hook.ts). */
interface MapHook {
  project(p: LngLat): [number, number];
  map: { jumpTo(options: { center: LngLat; zoom: number }): void };
}

/** Where [lng, lat] is on the page, in CSS pixels. */
export async function project(page: Page, lngLat: LngLat): Promise<[number, number]> {
  return page.evaluate((ll) => (window as unknown as { __atlas: MapHook }).__atlas.project(ll), lngLat);
}

/** Moves the camera without animation, then waits `settleMs` for the layers to redraw. */
export async function jumpTo(page: Page, center: LngLat, zoom: number, settleMs = 300): Promise<void> {
  await page.evaluate(([c, z]) => (window as unknown as { __atlas: MapHook }).__atlas.map.jumpTo({ center: c, zoom: z }), [
    center,
    zoom,
  ] as const);
  await page.waitForTimeout(settleMs);
}

/** A signed-in GET of JSON; anything but 2xx throws with the answer. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

interface HookView {
  ready: boolean;
}

/** Waits until the map has drawn its estates (`window.__atlas.ready`, client/src/map/test-hook.ts). */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __atlas?: HookView }).__atlas?.ready === true, null, { timeout: 60_000 });
}

/** The app a browser test drives: its base URL, and how to stop it (a no-op for ATLAS_TEST_URL). */
export interface AppUnderTest {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the app over a private copy of the demo database, or uses the server named by
 * ATLAS_TEST_URL; checks the client is built and the screenshot folder exists.
 */
export async function startAppUnderTest(): Promise<AppUnderTest> {
  assertClientBuilt();
  ensureOutputDir();
  if (process.env.ATLAS_TEST_URL) return { url: process.env.ATLAS_TEST_URL.replace(/\/$/, ''), close: () => Promise.resolve() };
  return startTestServer();
}

/**
 * Signs the page's browser context in as the demo account of `role` through the API: the page's
 * request context shares the browser's cookie jar, so the session cookie lands where the app reads it.
 */
export async function signInPage(page: Page, url: string, role: Role = 'admin'): Promise<void> {
  const { username, password } = DEMO_ACCOUNTS[role];
  const response = await page.request.post(`${url}/api/auth/login`, { data: { username, password } });
  if (response.status() !== 200) throw new Error(`signing the page in as ${role} failed: HTTP ${response.status()}`);
}

async function hasSession(page: Page, url: string): Promise<boolean> {
  return (await page.context().cookies(url)).length > 0;
}

/** Options of openAtlasPage and gotoAtlas. */
export interface AtlasPageOptions {
  /** Who the page signs in as when it has no session yet (default `'admin'`). */
  as?: Role;
}

/**
 * Opens the atlas in a new page signed in (as the demo administrator unless told) and waits for
 * the map, collecting uncaught page errors into `pageErrors` so a test can assert there were none
 * (and a never-ready map says why).
 */
export async function openAtlasPage(
  browser: Browser,
  url: string,
  pageErrors: string[] = [],
  options: AtlasPageOptions = {},
): Promise<Page> {
  const page = await newAtlasPage(browser);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await gotoAtlas(page, url, pageErrors, options);
  return page;
}

/**
 * (Re)loads the atlas in `page`, signing in first when the page has no session, and waits for the
 * map; a map that never gets ready reports the page errors seen.
 */
export async function gotoAtlas(
  page: Page,
  url: string,
  pageErrors: readonly string[] = [],
  options: AtlasPageOptions = {},
): Promise<void> {
  if (!(await hasSession(page, url))) await signInPage(page, url, options.as);
  await page.goto(url);
  await waitForMap(page).catch((error: unknown) => {
    throw new Error(`the map never became ready (${String(error)}); page errors: ${pageErrors.join(' | ') || 'none'}`);
  });
}

const apiSessions = new Map<string, Promise<Record<string, string>>>();

/**
 * fetch for a test's own API calls, as the demo administrator of the app at `url`'s origin (one
 * sign-in per app): every data route needs a session.
 */
export async function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const origin = new URL(url).origin;
  let session = apiSessions.get(origin);
  if (!session) {
    session = signIn(origin, 'admin');
    apiSessions.set(origin, session);
  }
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(await session)) if (!headers.has(name)) headers.set(name, value);
  return fetch(url, { ...init, headers });
}

/** POSTs JSON as the administrator; the parsed answer, or an error naming the status and body. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await apiFetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** RGB of every pixel of a small square of the page screenshot centred on (x, y), decoded in the page. */
export async function screenPixels(page: Page, x: number, y: number, half = 3): Promise<[number, number, number][]> {
  const png = await page.screenshot({ clip: { x: x - half, y: y - half, width: 2 * half + 1, height: 2 * half + 1 } });
  const rgba = await page.evaluate(async (base64) => {
    // An <img> (CSP img-src allows data:), not fetch: the app's connect-src is 'self' only.
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const bitmap = await createImageBitmap(image);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    return Array.from(ctx.getImageData(0, 0, bitmap.width, bitmap.height).data);
  }, png.toString('base64'));
  const pixels: [number, number, number][] = [];
  for (let i = 0; i + 3 < rgba.length; i += 4) pixels.push([rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0]);
  return pixels;
}

/** Waits until the estate panel's slide-in and any map pan have finished, so screenshots are not mid-animation. */
export async function settle(page: Page): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const now = await page.evaluate(() => {
      const panel = document.querySelector('.atlas-estate-drawer .ant-drawer-content-wrapper')?.getBoundingClientRect();
      const map = (window as unknown as { __atlas: { map: { getCenter(): unknown; isMoving(): boolean } } }).__atlas.map;
      return JSON.stringify([panel?.x ?? null, map.getCenter(), map.isMoving()]);
    });
    if (now === last && !now.endsWith('true]')) return;
    last = now;
    await page.waitForTimeout(100);
  }
  throw new Error('the page kept moving for 5 s');
}

/** Sets the window's size with the controls shown: below 1200 px they fold away as the window narrows, so this unfolds them. */
export async function setViewportWithControls(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(viewport);
  if (viewport.width >= 1200) return;
  const siderWidth = () => page.getByTestId('controls-sider').evaluate((el) => el.getBoundingClientRect().width);
  await page.waitForFunction(() => document.querySelector('[data-testid="controls-sider"]')?.getBoundingClientRect().width === 0);
  await page.getByTestId('controls-toggle').click();
  // Until the sider has slid open: the map beside it is resized as it goes, moving every projected point.
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const width = await siderWidth();
    if (width > 0 && width === last) return;
    last = width;
    await page.waitForTimeout(100);
  }
  throw new Error('the controls did not finish unfolding in 5 s');
}

/** The share of `pixels` within `tolerance` (CIEDE2000) of `expected`. */
export function shareOfColour(pixels: readonly Rgb[], expected: Rgb, tolerance = 8): number {
  return pixels.filter((p) => colourDifference(p, expected) < tolerance).length / pixels.length;
}

/** The colour of a legend line's swatch, as the page paints it. */
export async function legendSwatchColour(page: Page, testId: string): Promise<Rgb> {
  const css = await page
    .getByTestId(testId)
    .locator('.atlas-swatch')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r = Number.NaN, g = Number.NaN, b = Number.NaN] = (css.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}

/** The facility types the opened estate's life-circle section lists as missing, sorted. */
export async function shownCoverageGaps(page: Page): Promise<string[]> {
  const section = page.getByTestId('estate-coverage');
  await section.getByTestId('coverage-gap-count').waitFor({ timeout: 30_000 });
  const ids = await section
    .locator('[data-testid^="coverage-gap-"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')!.replace('coverage-gap-', '')).filter((id) => id !== 'count'));
  return ids.sort();
}
