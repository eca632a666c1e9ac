/**
 * Export from the ledger in headless Chromium: the files the browser really downloads, read back
 * (Excel with exceljs, CSV, GeoJSON) and compared with the API.
 *
 * Needs a built client (`npx vite build`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Browser, Download, Page } from 'playwright-core';
import type { EstateCollection, Summary } from '../../client/src/api/types';
import {
  apiFetch,
  type AppUnderTest,
  launchChromium,
  OUTPUT_DIR,
  skipBrowserTests,
  signInPage,
  startAppUnderTest,
  waitForMap,
} from './browser-helpers';

async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Opens the export menu, clicks one entry and returns the download it starts. Under a loaded CI
 * machine the menu has closed before its entry was clicked (antd animates it), so the menu is opened
 * again, up to three times; a refused export (the error alert) fails at once with its message.
 */
async function exportVia(page: Page, testId: string): Promise<Download> {
  for (let attempt = 1; ; attempt++) {
    const download = page.waitForEvent('download', { timeout: 20_000 });
    download.catch(() => undefined);
    try {
      await page.getByTestId('export-button').click({ timeout: 10_000 });
      const item = page.getByTestId(testId);
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      await item.click({ timeout: 10_000 });
      return await download;
    } catch (error) {
      const refusal = page.getByTestId('export-error');
      if (await refusal.isVisible()) throw new Error(`the export was refused: ${await refusal.innerText()}`, { cause: error });
      await page.screenshot({ path: join(OUTPUT_DIR, `export-attempt-${attempt}.png`) });
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

async function downloadedBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

function cellNumber(value: ExcelJS.CellValue): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number') return value.result;
  return NaN;
}

describe.skipIf(skipBrowserTests)('export from the ledger', () => {
  let server: AppUnderTest | null = null;
  let baseUrl = '';
  let browser: Browser;
  let page: Page;
  let summary: Summary;
  let estates: EstateCollection;

  beforeAll(async () => {
    server = await startAppUnderTest();
    baseUrl = server.url;
    summary = await getJson<Summary>(`${baseUrl}/api/summary`);
    estates = await getJson<EstateCollection>(`${baseUrl}/api/estates`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    await signInPage(page, baseUrl);
    await page.goto(baseUrl);
    await waitForMap(page);
    await page.getByTestId('ledger-toggle').click();
    await page.getByTestId('ledger-count').waitFor({ timeout: 10_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('downloads the whole ledger as Excel with 117 estate rows and a totals row equal to the summary', async () => {
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-filter-xlsx').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(OUTPUT_DIR, 'export-menu-zh.png') });
    await page.keyboard.press('Escape');
    const download = await exportVia(page, 'export-filter-xlsx');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    const bytes = await downloadedBytes(download);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).map((v) => (typeof v === 'string' ? v : ''));
    const column = (name: string) => {
      const index = header.indexOf(name);
      if (index < 1) throw new Error(`no column ${name} in ${header.join('|')}`);
      return index;
    };
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) rows.push(row);
    });
    const totals = rows.at(-1);
    const data = rows.slice(0, -1);
    expect(data).toHaveLength(117);
    expect(totals?.getCell(1).value).toBe('合计');
    expect(cellNumber(totals?.getCell(column('户数')).value ?? null)).toBe(summary.households);
    expect(cellNumber(totals?.getCell(column('户数')).value ?? null)).toBe(8593);
    expect(cellNumber(totals?.getCell(column('楼栋数')).value ?? null)).toBe(summary.buildings);
    expect(cellNumber(totals?.getCell(column('建筑面积(㎡)')).value ?? null)).toBeCloseTo(summary.floorAreaM2, 1);
    const households = data.reduce((sum, row) => sum + cellNumber(row.getCell(column('户数')).value), 0);
    expect(households).toBe(summary.households);
  }, 150_000);

  it('downloads only the checked rows as CSV with a byte-order mark', async () => {
    const checkboxes = page.locator('.atlas-ledger .ant-table-row .ant-checkbox-input');
    await checkboxes.nth(0).check();
    await checkboxes.nth(2).check();
    const ids = await page
      .locator('.atlas-ledger .ant-table-row')
      .evaluateAll((rows) =>
        rows
          .filter((r) => r.querySelector<HTMLInputElement>('.ant-checkbox-input')?.checked)
          .map((r) => Number(r.getAttribute('data-estate-id'))),
      );
    expect(ids).toHaveLength(2);
    const download = await exportVia(page, 'export-checked-csv');
    const bytes = await downloadedBytes(download);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { skipEmptyLines: true });
    const [head = [], ...body] = parsed.data;
    expect(body).toHaveLength(2);
    const nameColumn = head.indexOf('小区名称');
    const expected = estates.features
      .filter((f) => ids.includes(f.id))
      .map((f) => f.properties.name)
      .sort();
    expect(body.map((row) => row[nameColumn]).sort()).toEqual(expected);
  }, 150_000);

  it('downloads the rows found by the table search as GeoJSON', async () => {
    const target = estates.features[5];
    if (!target) throw new Error('too few estates');
    await page
      .getByTestId('ledger-search')
      .locator('input')
      .fill(target.properties.code ?? '');
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-count"]')?.textContent?.startsWith('显示 1 /'), null, {
      timeout: 5_000,
    });
    const download = await exportVia(page, 'export-filter-geojson');
    const collection = JSON.parse((await downloadedBytes(download)).toString('utf8')) as EstateCollection;
    expect(collection.features.map((f) => f.properties.code)).toEqual([target.properties.code]);
  }, 150_000);
});
