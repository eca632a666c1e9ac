import { describe, expect, it } from 'vitest';
import { autoMatchFields, IMPORTABLE_FIELDS, normalizeHeader } from '../../core/io/field-matching.js';
import { LEDGER_COLUMNS } from '../../core/io/ledger-columns.js';

describe('normalizeHeader', () => {
  it('folds full-width characters, case, spaces and bracketed units', () => {
    expect(normalizeHeader(' 建筑面积（㎡） ')).toBe('建筑面积');
    expect(normalizeHeader('Floor_Area (m2)')).toBe('floorarea');
    expect(normalizeHeader('ＮＡＭＥ')).toBe('name');
    expect(normalizeHeader('建筑面积㎡')).toBe('建筑面积');
    expect(normalizeHeader('改造意愿(%)')).toBe('改造意愿');
  });
});

describe('autoMatchFields', () => {
  it('matches the Chinese headers of a survey ledger', () => {
    expect(
      autoMatchFields([
        '小区名称',
        '户数',
        '建筑面积',
        '楼栋数',
        '建成年代',
        '街道',
        '社区',
        '地址',
        '产权性质',
        '原产权单位',
        '有无物业',
        '业委会',
        '危房等级',
        '改造意愿',
        '备注',
      ]),
    ).toEqual({
      小区名称: 'name',
      户数: 'households',
      建筑面积: 'floorAreaM2',
      楼栋数: 'buildings',
      建成年代: 'yearBuilt',
      街道: 'subdistrict',
      社区: 'community',
      地址: 'address',
      产权性质: 'propertyType',
      原产权单位: 'originalOwnerUnit',
      有无物业: 'hasPropertyManagement',
      业委会: 'hasOwnersCommittee',
      危房等级: 'hazardLevel',
      改造意愿: 'willingnessPct',
      备注: 'notes',
    });
  });

  it('matches common variants: 小区名, 总户数, 栋数, 建成年份, 建成时间, 所属街道, 所属社区', () => {
    const result = autoMatchFields(['小区名', '总户数', '栋数', '建成年份', '所属街道', '所属社区']);
    expect(Object.values(result)).toEqual(['name', 'households', 'buildings', 'yearBuilt', 'subdistrict', 'community']);
    expect(autoMatchFields(['建成时间'])['建成时间']).toBe('yearBuilt');
  });

  it('matches English headers in any case and with underscores', () => {
    expect(autoMatchFields(['Name', 'HOUSEHOLDS', 'floor_area', 'Buildings', 'Year Built', 'Subdistrict', 'community', 'address'])).toEqual(
      {
        Name: 'name',
        HOUSEHOLDS: 'households',
        floor_area: 'floorAreaM2',
        Buildings: 'buildings',
        'Year Built': 'yearBuilt',
        Subdistrict: 'subdistrict',
        community: 'community',
        address: 'address',
      },
    );
    expect(autoMatchFields(['year'])['year']).toBe('yearBuilt');
  });

  it('matches full-width headers and headers with units in brackets', () => {
    const result = autoMatchFields(['建筑面积（㎡）', '户数（户）', 'Floor area (m²)', '改造意愿（％）', '占地面积(m2)']);
    expect(result['建筑面积（㎡）']).toBe('floorAreaM2');
    expect(result['户数（户）']).toBe('households');
    // floor area is taken by the first header that claims it
    expect(result['Floor area (m²)']).toBeNull();
    expect(result['改造意愿（％）']).toBe('willingnessPct');
    expect(result['占地面积(m2)']).toBe('landAreaM2');
  });

  it('matches the camelCase property names of our own GeoJSON export', () => {
    const result = autoMatchFields(['id', 'name', 'floorAreaM2', 'yearBuilt', 'hasPropertyManagement', 'version', 'createdAt']);
    expect(result).toEqual({
      id: null,
      name: 'name',
      floorAreaM2: 'floorAreaM2',
      yearBuilt: 'yearBuilt',
      hasPropertyManagement: 'hasPropertyManagement',
      version: null,
      createdAt: null,
    });
  });

  it('matches every header our ledger export writes back to its own column', () => {
    const headers = LEDGER_COLUMNS.map((c) => c.zh);
    const result = autoMatchFields(['序号', ...headers, '空间信息(WKT)']);
    expect(result['序号']).toBeNull();
    expect(result['空间信息(WKT)']).toBeNull();
    LEDGER_COLUMNS.forEach((column) => expect(result[column.zh], column.zh).toBe(column.key));
  });

  it('uses each ledger field at most once and leaves unknown headers unmatched', () => {
    const result = autoMatchFields(['小区名称', 'name', '名称', 'osm_id', 'landuse', 'other_tags', '']);
    expect(result).toEqual({ 小区名称: 'name', name: null, 名称: null, osm_id: null, landuse: null, other_tags: null, '': null });
  });

  it('matches a header that contains a longer alias, such as 楼栋数量（栋） or 小区名称（必填）', () => {
    expect(autoMatchFields(['楼栋数量合计'])['楼栋数量合计']).toBe('buildings');
    expect(autoMatchFields(['小区名称（必填）'])['小区名称（必填）']).toBe('name');
  });

  it('lists the importable fields without the derived land area and eligibility', () => {
    expect(IMPORTABLE_FIELDS).toContain('name');
    expect(IMPORTABLE_FIELDS).toContain('floorAreaM2');
    expect(IMPORTABLE_FIELDS).not.toContain('landAreaM2');
    expect(IMPORTABLE_FIELDS).not.toContain('eligible');
  });
});
