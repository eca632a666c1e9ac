import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { estateFieldsSchema } from '../../core/estate-schema.js';
import { coerceLedgerValue, parseNumberCell, parseYearCell } from '../../core/io/coerce-value.js';
import { autoMatchFields } from '../../core/io/field-matching.js';
import { mapRowsToEstates } from '../../core/io/map-rows.js';
import { problemMessage } from '../../core/problems.js';
import type { ImportRow, ImportTable } from '../../core/io/read-import-file.js';

const SQUARE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [109.41, 24.32],
      [109.411, 24.32],
      [109.411, 24.321],
      [109.41, 24.321],
      [109.41, 24.32],
    ],
  ],
};

function table(rows: Omit<ImportRow, 'index'>[], columns?: string[]): ImportTable {
  return {
    format: 'csv',
    columns: columns ?? [...new Set(rows.flatMap((row) => Object.keys(row.values)))],
    rows: rows.map((row, index) => ({ ...row, index })),
    prjText: null,
    encoding: 'utf-8',
    geometryColumn: 'WKT',
  };
}

describe('value coercion', () => {
  it('reads years written as 1995年, 1995-06, 1995/6/1, 1995.0, a Date or 90年代', () => {
    expect(parseYearCell('1995年')).toBe(1995);
    expect(parseYearCell('1995-06')).toBe(1995);
    expect(parseYearCell('1995/6/1')).toBe(1995);
    expect(parseYearCell(1995)).toBe(1995);
    expect(parseYearCell(new Date(1995, 5, 1))).toBe(1995);
    expect(parseYearCell('90年代')).toBe(1990);
    expect(parseYearCell('一九九五')).toBeNull();
    expect(parseYearCell('95')).toBeNull();
  });

  it('reads numbers with thousands separators, full-width digits and units', () => {
    expect(parseNumberCell('12,345.6')).toBe(12345.6);
    expect(parseNumberCell('１２３')).toBe(123);
    expect(parseNumberCell('8,450㎡')).toBe(8450);
    expect(parseNumberCell('120户')).toBe(120);
    expect(parseNumberCell('85%')).toBe(85);
    expect(parseNumberCell('about 12')).toBeNull();
  });

  it('reads yes/no in Chinese and English', () => {
    for (const yes of ['是', '有', 'Y', 'yes', 'TRUE', true, '1', '√'])
      expect(coerceLedgerValue('boolean', yes), String(yes)).toEqual({ ok: true, value: true });
    for (const no of ['否', '无', 'N', 'no', 'false', false, '0'])
      expect(coerceLedgerValue('boolean', no), String(no)).toEqual({ ok: true, value: false });
    expect(coerceLedgerValue('boolean', '也许')).toMatchObject({ ok: false });
    expect(coerceLedgerValue('boolean', '')).toEqual({ ok: 'empty' });
    expect(coerceLedgerValue('booleanOrNull', '')).toEqual({ ok: true, value: null });
  });

  it('reads property types and hazard levels in Chinese', () => {
    expect(coerceLedgerValue('propertyType', '房改房')).toEqual({ ok: true, value: 'housing_reform' });
    expect(coerceLedgerValue('propertyType', '单位自管')).toEqual({ ok: true, value: 'unit_managed' });
    expect(coerceLedgerValue('propertyType', '商品房')).toEqual({ ok: true, value: 'commercial' });
    expect(coerceLedgerValue('propertyType', '混合')).toEqual({ ok: true, value: 'mixed' });
    expect(coerceLedgerValue('propertyType', 'Commercial')).toEqual({ ok: true, value: 'commercial' });
    expect(coerceLedgerValue('propertyType', '别墅')).toMatchObject({ ok: false });
    expect(coerceLedgerValue('hazardLevel', 'C级')).toEqual({ ok: true, value: 'C' });
    expect(coerceLedgerValue('hazardLevel', '无')).toEqual({ ok: true, value: 'none' });
    expect(coerceLedgerValue('percent', '85%')).toEqual({ ok: true, value: 85 });
  });
});

describe('mapRowsToEstates', () => {
  it('turns a row into schema-valid estate properties', () => {
    const t = table([
      {
        values: {
          小区名称: ' 搪瓷厂宿舍 ',
          户数: '1,204',
          '建筑面积（㎡）': '12,345.6',
          建成年代: '1995年',
          产权性质: '房改房',
          有无物业: '无',
          业委会: '有',
          改造意愿: '85%',
          危房等级: 'C级',
          街道: '城中街道',
        },
        geometry: SQUARE,
        geometryError: null,
      },
    ]);
    const [row] = mapRowsToEstates(t, autoMatchFields(t.columns), 'wgs84', { currentYear: 2026 });
    expect(row?.problems).toEqual([]);
    expect(row?.feature?.properties).toEqual({
      name: '搪瓷厂宿舍',
      households: 1204,
      floorAreaM2: 12345.6,
      yearBuilt: 1995,
      propertyType: 'housing_reform',
      hasPropertyManagement: false,
      hasOwnersCommittee: true,
      willingnessPct: 85,
      hazardLevel: 'C',
    });
    expect(row?.unitNames).toEqual({ subdistrict: '城中街道' });
    expect(estateFieldsSchema(2026).safeParse(row?.feature?.properties).success).toBe(true);
  });

  it('reports a missing name, and field rules broken with the field named', () => {
    const t = table([
      { values: { 小区名称: '', 户数: '-5', 建成年代: '1850', 改造意愿: '150%', 产权性质: '别墅' }, geometry: SQUARE, geometryError: null },
    ]);
    const [row] = mapRowsToEstates(t, autoMatchFields(t.columns), 'wgs84', { currentYear: 2026 });
    const codes = row?.problems.map((p) => p.code);
    expect(codes).toContain('missing_name');
    const fields = row?.problems.filter((p) => p.code === 'invalid_field').map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['households', 'yearBuilt', 'willingnessPct', 'propertyType']));
    const yearBuilt = row?.problems.find((p) => p.field === 'yearBuilt');
    expect(yearBuilt && problemMessage(yearBuilt.code, yearBuilt.params, 'zh')).toBe('建成年代不能小于 1900');
    expect(yearBuilt && problemMessage(yearBuilt.code, yearBuilt.params, 'en')).toBe('Year built must be at least 1900');
    const propertyType = row?.problems.find((p) => p.field === 'propertyType');
    expect(propertyType && problemMessage(propertyType.code, propertyType.params, 'zh')).toBe('产权性质：无法识别"别墅"');
    const missingName = row?.problems.find((p) => p.code === 'missing_name');
    expect(missingName && problemMessage(missingName.code, missingName.params, 'zh')).toBe('缺少小区名称');
  });

  it('names unnamed rows from a pattern of other columns and the row number, and still refuses rows the pattern leaves empty', () => {
    const t = table([
      { values: { name: '', osm_id: '24339210' }, geometry: SQUARE, geometryError: null },
      { values: { name: 'Kallio', osm_id: '1' }, geometry: SQUARE, geometryError: null },
      { values: { name: null, osm_id: null }, geometry: SQUARE, geometryError: null },
    ]);
    const byId = mapRowsToEstates(t, { name: 'name', osm_id: null }, 'wgs84', { namePattern: 'OSM {osm_id}' });
    expect(byId.map((r) => r.feature?.properties.name ?? null)).toEqual(['OSM 24339210', 'Kallio', null]);
    expect(byId[2]?.problems.map((p) => p.code)).toEqual(['missing_name']);
    const numbered = mapRowsToEstates(t, { name: 'name', osm_id: null }, 'wgs84', { namePattern: '未命名小区 {#}' });
    expect(numbered.map((r) => r.feature?.properties.name)).toEqual(['未命名小区 1', 'Kallio', '未命名小区 3']);
  });

  it('reports points and lines as the wrong geometry type, and a missing or unreadable geometry', () => {
    const t = table([
      { values: { name: 'point' }, geometry: { type: 'Point', coordinates: [109.41, 24.31] }, geometryError: null },
      {
        values: { name: 'line' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [109.41, 24.31],
            [109.42, 24.32],
          ],
        },
        geometryError: null,
      },
      { values: { name: 'none' }, geometry: null, geometryError: null },
      { values: { name: 'bad wkt' }, geometry: null, geometryError: 'WKT could not be parsed' },
      {
        values: { name: 'sliver' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 1],
              [2, 2],
              [1, 1],
            ],
          ],
        },
        geometryError: null,
      },
    ]);
    const rows = mapRowsToEstates(t, autoMatchFields(t.columns), 'wgs84');
    expect(rows.map((r) => r.problems.map((p) => p.code))).toEqual([
      ['wrong_geometry_type'],
      ['wrong_geometry_type'],
      ['empty_geometry'],
      ['invalid_geometry'],
      ['invalid_geometry'],
    ]);
    expect(rows.every((r) => r.feature === null)).toBe(true);
    expect(rows[0]?.properties.name).toBe('point');
  });

  it('converts GCJ-02 geometry to WGS84 on a copy and leaves the table untouched', () => {
    const t = table([{ values: { name: 'x' }, geometry: SQUARE, geometryError: null }]);
    const before = JSON.stringify(t);
    const [row] = mapRowsToEstates(t, { name: 'name' }, 'gcj02');
    expect(JSON.stringify(t)).toBe(before);
    const [lng = 0, lat = 0] = row?.feature?.geometry.coordinates[0]?.[0] ?? [];
    expect(lng).toBeLessThan(109.41);
    expect(lat).toBeGreaterThan(24.32);
  });

  it('drops heights (PolygonZ) and closes open rings', () => {
    const t = table([
      {
        values: { name: 'z' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0, 5],
              [1, 0, 5],
              [1, 1, 5],
              [0, 1, 5],
            ],
          ],
        },
        geometryError: null,
      },
    ]);
    const [row] = mapRowsToEstates(t, { name: 'name' }, 'wgs84');
    expect(row?.feature?.geometry.coordinates).toEqual([
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ]);
  });

  it('reports coordinates that are not longitude/latitude', () => {
    const t = table([
      {
        values: { name: 'metres' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [437000, 2690000],
              [437100, 2690000],
              [437100, 2690100],
              [437000, 2690000],
            ],
          ],
        },
        geometryError: null,
      },
    ]);
    const [row] = mapRowsToEstates(t, { name: 'name' }, 'wgs84');
    expect(row?.problems.map((p) => p.code)).toEqual(['coordinates_out_of_range']);
  });

  it('ignores unmatched columns and the derived land area and eligibility', () => {
    const t = table([
      { values: { 小区名称: 'a', '占地面积(㎡)': '999', 纳入改造范围: '是', foo: 'bar' }, geometry: SQUARE, geometryError: null },
    ]);
    const [row] = mapRowsToEstates(t, autoMatchFields(t.columns), 'wgs84');
    expect(row?.feature?.properties).toEqual({ name: 'a' });
    expect(row?.problems).toEqual([]);
  });
});
