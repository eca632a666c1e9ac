import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { autoMatchFields } from '../../core/io/field-matching.js';
import { mapRowsToEstates } from '../../core/io/map-rows.js';
import { readImportFile } from '../../core/io/read-import-file.js';
import { guessSourceCrs } from '../../core/io/source-crs.js';
import { encodeGbk, writeZip, writeZippedShapefile } from '../fixtures/import/fixture-writers.js';
import { REALDATA_DIR } from '../helpers/realdata.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const REALDATA = REALDATA_DIR;

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function fixture(name: string): { name: string; bytes: ArrayBuffer } {
  return { name, bytes: arrayBufferOf(readFileSync(join(FIXTURES, name))) };
}

function haversineM([lng1 = 0, lat1 = 0]: Position, [lng2 = 0, lat2 = 0]: Position): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

function positionsOf(geometry: Polygon | MultiPolygon): Position[] {
  return geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
}

const SHP_NAMES = ['机械厂宿舍', '纺织新村', '粮食局小区', '航运公司住宅区', '水泥厂生活区', '供电局宿舍', '蝴蝶结小区（自相交）'];

describe('readImportFile: zipped Shapefile in GCJ-02 with GBK attributes', () => {
  it('decodes the GBK field names and values (from the .cpg)', async () => {
    const table = await readImportFile(fixture('estates-gcj02-gbk.zip'));
    expect(table.format).toBe('shapefile');
    expect(table.encoding).toBe('gbk');
    expect(table.columns).toEqual(['小区名称', '户数', '建筑面积', '楼栋数', '建成年代', '街道']);
    expect(table.rows.map((row) => row.values['小区名称'])).toEqual(SHP_NAMES);
    expect(table.rows[0]?.values).toEqual({
      小区名称: '机械厂宿舍',
      户数: 96,
      建筑面积: 6240.5,
      楼栋数: 4,
      建成年代: '1988年',
      街道: '中南街道',
    });
    expect(table.prjText).toContain('GCS_WGS_1984');
  });

  it('auto-matches every column and lands within 2 m of the true WGS84 polygons after GCJ-02 conversion', async () => {
    const table = await readImportFile(fixture('estates-gcj02-gbk.zip'));
    const mapping = autoMatchFields(table.columns);
    expect(Object.values(mapping)).toEqual(['name', 'households', 'floorAreaM2', 'buildings', 'yearBuilt', 'subdistrict']);
    expect(guessSourceCrs({ prjText: table.prjText, fileName: 'estates-gcj02-gbk.zip' })?.crs).toBe('gcj02');
    const rows = mapRowsToEstates(table, mapping, 'gcj02');
    const truth = JSON.parse(readFileSync(join(FIXTURES, 'estates-gcj02-gbk.wgs84.geojson'), 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    expect(rows).toHaveLength(truth.features.length);
    let worstM = 0;
    rows.forEach((row, i) => {
      const expected = truth.features[i]?.geometry;
      if (!row.feature || !expected) throw new Error(`row ${i} has no polygon`);
      expect(row.feature.geometry.type).toBe(expected.type);
      const got = positionsOf(row.feature.geometry);
      const want = positionsOf(expected);
      // Shapefile rings are clockwise as written; compare as sets of vertices
      for (const p of want) worstM = Math.max(worstM, Math.min(...got.map((q) => haversineM(p, q))));
    });
    expect(worstM).toBeLessThan(2);
  });

  it('parses the bow-tie row as a Polygon and leaves its self-intersection to PostGIS (tests/api/export.api.test.ts)', async () => {
    const table = await readImportFile(fixture('estates-gcj02-gbk.zip'));
    const rows = mapRowsToEstates(table, autoMatchFields(table.columns), 'gcj02');
    const bowTie = rows[6];
    expect(bowTie?.properties.name).toBe('蝴蝶结小区（自相交）');
    expect(bowTie?.feature?.geometry.type).toBe('Polygon');
    expect(bowTie?.problems).toEqual([]);
    expect(rows.slice(0, 6).every((row) => row.problems.length === 0)).toBe(true);
  });

  it('falls back to the .dbf language driver byte when there is no .cpg, and to GBK when the bytes are not UTF-8', async () => {
    const layer = {
      polygons: [
        [
          [
            [109.41, 24.32],
            [109.41, 24.321],
            [109.411, 24.321],
            [109.41, 24.32],
          ],
        ],
      ],
      fields: [{ name: '小区名称', type: 'C' as const, length: 40 }],
      records: [['纺织新村']],
      encode: encodeGbk,
    };
    const withLdid = writeZippedShapefile('a', { ...layer, languageDriver: 0x4d }, '', null);
    const withNothing = writeZippedShapefile('b', { ...layer, languageDriver: 0 }, '', null);
    for (const zip of [withLdid, withNothing]) {
      const table = await readImportFile({ name: 'x.zip', bytes: arrayBufferOf(zip) });
      expect(table.encoding).toBe('gbk');
      expect(table.rows[0]?.values).toEqual({ 小区名称: '纺织新村' });
    }
    // UTF-8 field names take 3 bytes a character, so only 3 fit the 10-byte dBASE limit
    const utf8Layer = {
      ...layer,
      fields: [{ name: '名称', type: 'C' as const, length: 40 }],
      encode: (t: string) => new TextEncoder().encode(t),
      languageDriver: 0,
    };
    const table = await readImportFile({ name: 'x.zip', bytes: arrayBufferOf(writeZippedShapefile('c', utf8Layer, '', null)) });
    expect(table.encoding).toBe('utf-8');
    expect(table.rows[0]?.values).toEqual({ 名称: '纺织新村' });
  });

  it('explains a .zip without a .shp or .dbf, a zip of two layers, and a loose .shp', async () => {
    const onlyPrj = writeZip([{ name: 'a.prj', bytes: new TextEncoder().encode('GEOGCS[]') }]);
    await expect(readImportFile({ name: 'a.zip', bytes: arrayBufferOf(onlyPrj) })).rejects.toThrow('must contain a .shp and a .dbf');
    const noDbf = writeZip([{ name: 'a.shp', bytes: new Uint8Array(100) }]);
    await expect(readImportFile({ name: 'a.zip', bytes: arrayBufferOf(noDbf) })).rejects.toThrow(/no a\.dbf/);
    const two = writeZip([
      { name: 'a.shp', bytes: new Uint8Array(100) },
      { name: 'b.shp', bytes: new Uint8Array(100) },
    ]);
    await expect(readImportFile({ name: 'a.zip', bytes: arrayBufferOf(two) })).rejects.toThrow('zip one layer per file');
    await expect(readImportFile({ name: 'estates.shp', bytes: new ArrayBuffer(8) })).rejects.toThrow('in one .zip');
    await expect(readImportFile({ name: 'not-a-zip.zip', bytes: new ArrayBuffer(8) })).rejects.toThrow(/zip/);
  });
});

describe('readImportFile: CSV and XLSX with a WKT column', () => {
  for (const name of ['estates-wkt.csv', 'estates-wkt.xlsx']) {
    it(`reads ${name}: Chinese headers, the WKT column, and a row whose WKT is broken`, async () => {
      const table = await readImportFile(fixture(name));
      expect(table.format).toBe(name.endsWith('csv') ? 'csv' : 'xlsx');
      expect(table.geometryColumn).toBe('WKT');
      expect(table.columns).not.toContain('WKT');
      expect(table.columns.slice(0, 4)).toEqual(['序号', '小区名', '总户数', '建筑面积（㎡）']);
      // the XLSX's title row is skipped and its 合计 row is not an estate
      expect(table.rows).toHaveLength(6);
      expect(table.rows.slice(0, 5).every((row) => row.geometry?.type === 'Polygon' && row.geometryError === null)).toBe(true);
      expect(table.rows[5]?.geometry).toBeNull();
      expect(table.rows[5]?.geometryError).toMatch(/^WKT could not be parsed/);

      const rows = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84');
      expect(rows[0]?.feature?.properties).toMatchObject({
        name: '冶炼厂宿舍',
        households: 120,
        floorAreaM2: 8450,
        yearBuilt: 1987,
        willingnessPct: 85,
      });
      expect(rows[2]?.feature?.properties.notes).toBe('北侧围墙,\n需拆除');
      expect(rows[5]?.problems.map((p) => p.code)).toEqual(['invalid_geometry']);
    });
  }

  it('reads a GBK CSV (as Chinese Excel saves it) and a UTF-8 CSV without BOM alike', async () => {
    const text = '小区名称,户数,geometry\r\n搪瓷厂宿舍,114,"POLYGON ((0 0, 1 0, 1 1, 0 0))"\r\n';
    const gbk = await readImportFile({ name: 'a.csv', bytes: arrayBufferOf(encodeGbk(text)) });
    const utf8 = await readImportFile({ name: 'a.csv', bytes: arrayBufferOf(new TextEncoder().encode(text)) });
    expect(gbk.encoding).toBe('gbk');
    expect(utf8.encoding).toBe('utf-8');
    for (const table of [gbk, utf8]) {
      expect(table.columns).toEqual(['小区名称', '户数']);
      expect(table.geometryColumn).toBe('geometry');
      expect(table.rows[0]?.values).toEqual({ 小区名称: '搪瓷厂宿舍', 户数: '114' });
    }
  });

  it('finds an unnamed WKT column by its content and accepts EWKT', async () => {
    const text = 'name,shape_text\r\na,"SRID=4326;POLYGON ((0 0, 1 0, 1 1, 0 0))"\r\n';
    const table = await readImportFile({ name: 'a.csv', bytes: arrayBufferOf(new TextEncoder().encode(text)) });
    expect(table.geometryColumn).toBe('shape_text');
    expect(table.rows[0]?.geometry?.type).toBe('Polygon');
  });

  it('explains unsupported files', async () => {
    await expect(readImportFile({ name: 'a.xls', bytes: new ArrayBuffer(4) })).rejects.toThrow('save it as .xlsx');
    await expect(readImportFile({ name: 'a.kml', bytes: new ArrayBuffer(4) })).rejects.toThrow('unsupported file type');
    await expect(readImportFile({ name: 'a.geojson', bytes: arrayBufferOf(new TextEncoder().encode('{"type":')) })).rejects.toThrow(
      'not valid JSON',
    );
    await expect(readImportFile({ name: 'a.json', bytes: arrayBufferOf(new TextEncoder().encode('{"a":1}')) })).rejects.toThrow(
      'not GeoJSON',
    );
    await expect(readImportFile({ name: 'a.xlsx', bytes: new ArrayBuffer(4) })).rejects.toThrow('.xlsx could not be opened');
  });
});

describe('readImportFile: GeoJSON', () => {
  it('reads a single Feature and a FeatureCollection with a broken geometry without throwing', async () => {
    const one = {
      type: 'Feature',
      properties: { name: 'a' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    const table = await readImportFile({ name: 'a.geojson', bytes: arrayBufferOf(new TextEncoder().encode(JSON.stringify(one))) });
    expect(table.rows).toHaveLength(1);
    const collection = {
      type: 'FeatureCollection',
      features: [one, { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Polygon' } }, 5],
    };
    const rows = (await readImportFile({ name: 'a.json', bytes: arrayBufferOf(new TextEncoder().encode(JSON.stringify(collection))) }))
      .rows;
    expect(rows.map((row) => row.geometryError)).toEqual([null, 'a Polygon without coordinates', 'not a GeoJSON Feature']);
  });

  const realFiles = readdirSync(REALDATA).filter((name) => name.endsWith('_residential_landuse.geojson'));
  it('finds the real OpenStreetMap residential files', () => {
    expect(realFiles.length).toBeGreaterThanOrEqual(3);
  });
  for (const name of realFiles) {
    it(`reads the real OSM file ${name} without throwing, every row either a polygon or a reported problem`, async () => {
      const table = await readImportFile({ name, bytes: arrayBufferOf(readFileSync(join(REALDATA, name))) });
      expect(table.columns).toContain('name');
      const rows = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84');
      expect(rows).toHaveLength(table.rows.length);
      for (const row of rows) expect(row.feature !== null || row.problems.length > 0).toBe(true);
      if (name.startsWith('helsinki')) {
        // a 3-point ring (area 0) is caught here; other degenerate slivers go on to PostGIS validation
        expect(rows.some((row) => row.problems.some((p) => p.code === 'invalid_geometry'))).toBe(true);
        expect(rows.filter((row) => row.problems.some((p) => p.code === 'missing_name'))).toHaveLength(23);
        // a name built from the OSM id leaves no row unnamed
        const named = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84', { namePattern: 'OSM {osm_id}' });
        expect(named.filter((row) => row.problems.some((p) => p.code === 'missing_name'))).toHaveLength(0);
      }
    });
  }
});

describe('readImportFile: a GeoJSON crs member', () => {
  const ring = [
    [109.41, 24.31],
    [109.411, 24.31],
    [109.411, 24.311],
    [109.41, 24.31],
  ];
  function geojsonFile(collection: unknown): { name: string; bytes: ArrayBuffer } {
    return { name: 'estates.geojson', bytes: arrayBufferOf(new TextEncoder().encode(JSON.stringify(collection))) };
  }
  const feature = (extra: Record<string, unknown> = {}) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { name: '小区' },
    ...extra,
  });

  it('refuses every row of a file in Web Mercator as unsupported_crs, not reading its metres as degrees', async () => {
    const table = await readImportFile(
      geojsonFile({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'EPSG:3857' } },
        features: [feature(), feature()],
      }),
    );
    expect(table.rows.map((row) => row.unsupportedCrs)).toEqual(['EPSG:3857', 'EPSG:3857']);
    const mapped = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84', { currentYear: 2026 });
    for (const row of mapped) {
      expect(row.feature).toBeNull();
      expect(row.problems.map((p) => p.code)).toEqual(['unsupported_crs']);
    }
  });

  it('refuses only the feature that declares another system itself', async () => {
    const other = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } };
    const table = await readImportFile(geojsonFile({ type: 'FeatureCollection', features: [feature(), feature({ crs: other })] }));
    expect(table.rows.map((row) => row.unsupportedCrs)).toEqual([undefined, 'urn:ogc:def:crs:EPSG::4547']);
  });

  it('reads a file that declares CRS84 as usual', async () => {
    const crs84 = { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } };
    const table = await readImportFile(geojsonFile({ type: 'FeatureCollection', crs: crs84, features: [feature()] }));
    expect(table.rows[0]?.unsupportedCrs).toBeUndefined();
    const [row] = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84', { currentYear: 2026 });
    expect(row?.problems).toEqual([]);
  });
});
