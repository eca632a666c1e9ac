import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateApiProperties, EstateSummary } from '../../core/contract/index.js';
import { estateFieldsSchema } from '../../core/estate-schema.js';
import { autoMatchFields } from '../../core/io/field-matching.js';
import { IMPORTABLE_FIELDS } from '../../core/io/ledger-columns.js';
import { mapRowsToEstates, type MappedRow } from '../../core/io/map-rows.js';
import { readImportFile } from '../../core/io/read-import-file.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

type EstateCollection = FeatureCollection<MultiPolygon, EstateApiProperties>;

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(arrayBufferOf(bytes));
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

function cellNumber(value: ExcelJS.CellValue): number {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && 'result' in value && typeof value.result === 'number') return value.result;
  throw new Error(`not a number: ${JSON.stringify(value)}`);
}

function positions(geometry: Polygon | MultiPolygon): Position[] {
  return geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
}

/** The importable fields of a stored estate, as the import would send them (after schema defaults). */
function storedFields(properties: EstateApiProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of IMPORTABLE_FIELDS) out[key] = properties[key as keyof EstateApiProperties];
  if (out.yearBuilt === 0) out.yearBuilt = null;
  return out;
}

function importedFields(row: MappedRow): Record<string, unknown> {
  const parsed = estateFieldsSchema().parse(row.feature?.properties) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of IMPORTABLE_FIELDS) out[key] = parsed[key];
  return out;
}

function expectSameEstates(rows: MappedRow[], estates: readonly EstateApiFeature[]): void {
  expect(rows).toHaveLength(estates.length);
  rows.forEach((row, i) => {
    const estate = estates[i];
    if (!estate || !row.feature) throw new Error(`row ${i}: ${JSON.stringify(row.problems)}`);
    expect(row.problems, estate.properties.name).toEqual([]);
    expect(importedFields(row), estate.properties.name).toEqual(storedFields(estate.properties));
    const got = positions(row.feature.geometry);
    const want = positions(estate.geometry);
    expect(got.length, estate.properties.name).toBe(want.length);
    want.forEach(([lng = 0, lat = 0], j) => {
      expect(Math.abs((got[j]?.[0] ?? NaN) - lng)).toBeLessThanOrEqual(1e-7);
      expect(Math.abs((got[j]?.[1] ?? NaN) - lat)).toBeLessThanOrEqual(1e-7);
    });
  });
}

describe.each(testBackends())('export API on %s', (backend) => {
  let api: TestServer;
  let all: EstateApiFeature[];
  let summary: EstateSummary;
  beforeAll(async () => {
    api = await startTestServer({ backend });
    all = (await api.get<EstateCollection>('/api/estates')).body.features as EstateApiFeature[];
    summary = (await api.get<EstateSummary>('/api/summary')).body;
  });
  afterAll(async () => {
    await api?.close();
  });

  it('exports all estates as the same GeoJSON FeatureCollection as GET /api/estates plus their zone, as an attachment', async () => {
    const response = await api.raw('/api/export?format=geojson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="estate-ledger_\d{4}-\d{2}-\d{2}\.geojson"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toMatch(/^老旧小区台账_\d{4}-\d{2}-\d{2}\.geojson$/);
    const body = JSON.parse(response.text) as EstateCollection;
    expect(body.type).toBe('FeatureCollection');
    // The demo has no zones: every estate's `zone` is null.
    expect(body.features).toEqual(all.map((estate) => ({ ...estate, properties: { ...estate.properties, zone: null } })));
  });

  it('exports a sub-district and a selection of ids', async () => {
    const subdistrict = (await api.get<EstateCollection>('/api/estates?subdistrict=城中街道')).body.features;
    const bySub = JSON.parse(
      (await api.raw(`/api/export?format=geojson&subdistrict=${encodeURIComponent('城中街道')}`)).text,
    ) as EstateCollection;
    expect(bySub.features.map((f) => f.id)).toEqual(subdistrict.map((f) => f.id));
    expect(bySub.features.length).toBeGreaterThan(0);
    expect(bySub.features.length).toBeLessThan(117);

    const ids = all.slice(0, 3).map((f) => f.id);
    const selection = JSON.parse((await api.raw(`/api/export?format=geojson&ids=${ids.reverse().join(',')}`)).text) as EstateCollection;
    expect(selection.features.map((f) => f.id)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('exports the atlas filter (sub-districts with "none", urgency, years, search) as the estates PostgreSQL selects, and says so in the title', async () => {
    const [picked] = await api.db.query<{ code: string; needle: string }>(
      `SELECT subdistrict_code AS code, substr(name, 1, 1) AS needle FROM estates WHERE year_built BETWEEN 1980 AND 2000 AND subdistrict_code IS NOT NULL ORDER BY id LIMIT 1`,
    );
    if (!picked) throw new Error('the demo city needs an estate built 1980–2000 in a sub-district');
    const expected = (
      await api.db.query<{ id: number }>(
        `SELECT id FROM estates WHERE coalesce(subdistrict_code, '') = ANY($1::text[]) AND coalesce(urgent, false) = false
            AND year_built BETWEEN 1980 AND 2000 AND (strpos(lower(name), $2) > 0 OR strpos(lower(code), $2) > 0 OR strpos(lower(coalesce(address, '')), $2) > 0)
          ORDER BY id`,
        [[picked.code, ''], picked.needle.toLowerCase()],
      )
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const query = `subdistrictCodes=${encodeURIComponent(`${picked.code},`)}&urgent=no&yearFrom=1980&yearTo=2000&search=${encodeURIComponent(picked.needle)}`;
    const geojson = JSON.parse((await api.raw(`/api/export?format=geojson&${query}`)).text) as EstateCollection;
    expect(geojson.features.map((f) => f.id)).toEqual(expected);
    const sheet = await readWorkbook((await api.raw(`/api/export?format=xlsx&${query}`)).bytes);
    expect(sheet.rowCount).toBe(2 + expected.length + 1);
    expect(String(sheet.getCell('A1').value)).toContain('按台账筛选条件');
  });

  it('exports a selection of any size posted as a JSON body, with the same rules as the query', async () => {
    const post = (body: unknown) =>
      api.raw('/api/export', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    // Every estate, listed many times over: a body far beyond what a GET URL could carry.
    const ids = Array.from({ length: 40 }, () => all.map((f) => f.id)).flat();
    const response = await post({ format: 'geojson', ids });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect((JSON.parse(response.text) as EstateCollection).features.map((f) => f.id)).toEqual(all.map((f) => f.id));
    const unknown = await post({ format: 'csv', ids: [1, 999999] });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('999999');
    expect((await post({ format: 'csv', ids: [1], subdistrict: '城中街道' })).status).toBe(400);
    expect((await post({ format: 'csv', ids: ['a'] })).status).toBe(400);
    expect((await post({ format: 'shp' })).status).toBe(400);
  });

  it('answers 400 for an unknown id, ids mixed with filters, a bad format and an unknown sub-district', async () => {
    const unknown = await api.raw('/api/export?format=csv&ids=1,999999');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('999999') } });
    expect((await api.raw('/api/export?format=csv&ids=1&subdistrict=x')).status).toBe(400);
    expect((await api.raw('/api/export?format=csv&ids=1,a')).status).toBe(400);
    const badFormat = await api.raw('/api/export?format=shp');
    expect(badFormat.status).toBe(400);
    expect(badFormat.text).toContain('format');
    expect((await api.raw('/api/export')).status).toBe(400);
    expect((await api.raw('/api/export?format=csv&subdistrict=nowhere')).status).toBe(400);
  });

  it('writes CSV with a UTF-8 BOM, Chinese ledger headers, one row per estate and a WKT column', async () => {
    const response = await api.raw('/api/export?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect([...response.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(response.text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(rows[0]?.slice(0, 4)).toEqual(['序号', '小区编号', '小区名称', '地址']);
    expect(rows[0]?.slice(-2)).toEqual(['片区', '空间信息(WKT)']);
    expect(rows).toHaveLength(118);
    expect(rows[1]?.at(-1)).toMatch(/^MULTIPOLYGON \(\(\(/);
  });

  it('writes the XLSX survey ledger: title, frozen header, 117 rows and a totals row equal to the summary', async () => {
    const response = await api.raw('/api/export?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '')).toMatch(
      /\.xlsx$/,
    );
    const sheet = await readWorkbook(response.bytes);
    expect(sheet.name).toBe('调查摸底情况统计表');
    expect(String(sheet.getCell('A1').value)).toContain('调查摸底情况统计表');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(String);
    expect(header.slice(0, 3)).toEqual(['序号', '小区编号', '小区名称']);
    expect(sheet.rowCount).toBe(2 + 117 + 1);

    const column = (zh: string): number => header.indexOf(zh) + 1;
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe('合计');
    expect(cellNumber(totals.getCell(column('小区名称')).value)).toBe(summary.estates);
    expect(cellNumber(totals.getCell(column('户数')).value)).toBe(8_593);
    expect(cellNumber(totals.getCell(column('户数')).value)).toBe(summary.households);
    expect(cellNumber(totals.getCell(column('建筑面积(㎡)')).value)).toBe(435_000);
    expect(cellNumber(totals.getCell(column('楼栋数')).value)).toBe(summary.buildings);
    expect(Math.abs(cellNumber(totals.getCell(column('占地面积(㎡)')).value) - summary.landAreaM2)).toBeLessThan(1);
    expect(sheet.getColumn(column('户数')).numFmt).toBe('#,##0');

    // labels a planner reads, not codes
    const first = all[0]?.properties;
    const row3 = sheet.getRow(3);
    expect(row3.getCell(column('小区名称')).value).toBe(first?.name);
    expect(['房改房', '单位自管', '商品房', '混合']).toContain(row3.getCell(column('产权性质')).value);
    expect(['是', '否']).toContain(row3.getCell(column('有无物业')).value);
    expect(['是', '否']).toContain(row3.getCell(column('纳入改造范围')).value);
  });

  it('totals a sub-district export to the summary of that sub-district', async () => {
    const sub = encodeURIComponent('城中街道');
    const subSummary = (await api.get<EstateSummary>(`/api/summary?subdistrict=${sub}`)).body;
    const sheet = await readWorkbook((await api.raw(`/api/export?format=xlsx&subdistrict=${sub}`)).bytes);
    expect(sheet.rowCount).toBe(2 + subSummary.estates + 1);
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(String);
    const totals = sheet.getRow(sheet.rowCount);
    expect(cellNumber(totals.getCell(header.indexOf('户数') + 1).value)).toBe(subSummary.households);
    expect(cellNumber(totals.getCell(header.indexOf('建筑面积(㎡)') + 1).value)).toBe(subSummary.floorAreaM2);
    expect(String(sheet.getCell('A1').value)).toContain('城中街道');
  });

  for (const format of ['xlsx', 'csv', 'geojson'] as const) {
    it(`round-trips every estate through ${format} export → readImportFile → mapRowsToEstates(autoMatchFields)`, async () => {
      const response = await api.raw(`/api/export?format=${format}`);
      const table = await readImportFile({ name: `ledger.${format}`, bytes: arrayBufferOf(response.bytes) });
      const mapping = autoMatchFields(table.columns);
      for (const key of ['name', 'households', 'floorAreaM2', 'yearBuilt', 'buildings', 'propertyType'])
        expect(Object.values(mapping)).toContain(key);
      expectSameEstates(mapRowsToEstates(table, mapping, 'wgs84'), all);
    });
  }

  it('finds the fixture Shapefile’s bow-tie row invalid in PostGIS (Self-intersection) and the other rows valid', async () => {
    const bytes = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'import', 'estates-gcj02-gbk.zip'));
    const table = await readImportFile({ name: 'estates-gcj02-gbk.zip', bytes: arrayBufferOf(bytes) });
    const rows = mapRowsToEstates(table, autoMatchFields(table.columns), 'gcj02');
    const verdicts = [];
    for (const row of rows) {
      const [verdict] = await api.db.query<{ valid: boolean; reason: string }>(
        'SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_GeomFromGeoJSON($1) AS g) s',
        [JSON.stringify(row.feature?.geometry)],
      );
      verdicts.push(verdict);
    }
    expect(verdicts.slice(0, 6).every((v) => v?.valid === true)).toBe(true);
    expect(verdicts[6]).toMatchObject({ valid: false, reason: expect.stringContaining('Self-intersection') });
  });

  // Last: it adds an estate to this file's database copy.
  it('escapes a formula-looking estate name in CSV and keeps it as plain text in XLSX, and both read back unchanged', async () => {
    const name = '=HYPERLINK("x")';
    const [inserted] = await api.db.query<{ id: number }>(
      `INSERT INTO estates (name, households, floor_area_m2, year_built, geom)
       VALUES ($1, 3, 120, 1990, ST_Multi(ST_GeomFromText($2, 4326))) RETURNING id`,
      [name, 'POLYGON((109.4150 24.3230, 109.4156 24.3230, 109.4156 24.3234, 109.4150 24.3230))'],
    );
    const id = inserted?.id ?? 0;
    const csv = await api.raw(`/api/export?format=csv&ids=${id}`);
    expect(csv.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.text).not.toMatch(/(^|,)=HYPERLINK/m);
    const fromCsv = await readImportFile({ name: 'a.csv', bytes: arrayBufferOf(csv.bytes) });
    expect(mapRowsToEstates(fromCsv, autoMatchFields(fromCsv.columns), 'wgs84')[0]?.feature?.properties.name).toBe(name);

    const xlsx = await api.raw(`/api/export?format=xlsx&ids=${id}`);
    const sheet = await readWorkbook(xlsx.bytes);
    const cell = sheet.getRow(3).getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(name);
    const fromXlsx = await readImportFile({ name: 'a.xlsx', bytes: arrayBufferOf(xlsx.bytes) });
    expect(mapRowsToEstates(fromXlsx, autoMatchFields(fromXlsx.columns), 'wgs84')[0]?.feature?.properties.name).toBe(name);
  });
});
