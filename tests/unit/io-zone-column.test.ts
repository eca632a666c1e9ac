/** The zone (片区) column of the files: matched from its headers, carried on the import feature, grouped by the server. */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { autoMatchFields } from '../../core/io/field-matching.js';
import { importColumnLabel, ZONE_COLUMN } from '../../core/io/ledger-columns.js';
import { mapRowsToEstates } from '../../core/io/map-rows.js';
import type { ImportTable } from '../../core/io/read-import-file.js';
import { problemMessage } from '../../core/problems.js';
import { importZoneGroups } from '../../server/features/imports/import-zones.js';

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

describe('the zone column', () => {
  it('is matched from 片区, 片区名称, 所属片区 and zone, and never taken for the estate name', () => {
    for (const header of ['片区', '片区名称', '所属片区', 'zone', 'Zone name', '片区（名称）'])
      expect(autoMatchFields(['小区名称', header]), header).toEqual({ 小区名称: 'name', [header]: 'zone' });
    expect(autoMatchFields([ZONE_COLUMN.zh])[ZONE_COLUMN.zh]).toBe('zone');
    expect(importColumnLabel('zone', 'zh')).toBe('片区');
    expect(importColumnLabel('households', 'en')).toBe('Households');
  });

  it('puts a row’s zone name, trimmed, on its feature and leaves a blank cell without one', () => {
    const table: ImportTable = {
      format: 'csv',
      columns: ['小区名称', '片区', 'WKT'],
      rows: [
        { index: 0, values: { 小区名称: '幸福里', 片区: ' 东片区 ' }, geometry: SQUARE, geometryError: null },
        { index: 1, values: { 小区名称: '建设小区', 片区: '' }, geometry: SQUARE, geometryError: null },
      ],
      prjText: null,
      encoding: 'utf-8',
      geometryColumn: 'WKT',
    };
    const [zoned, loner] = mapRowsToEstates(table, autoMatchFields(table.columns), 'wgs84');
    expect(zoned?.zone).toBe('东片区');
    expect(zoned?.feature?.properties).toEqual({ name: '幸福里', zone: '东片区' });
    expect(zoned?.problems).toEqual([]);
    expect(loner?.zone).toBeNull();
    expect(loner?.feature?.properties).toEqual({ name: '建设小区' });
  });

  it('groups rows by zone name as the unique index compares names (trimmed, any case), under the first spelling', () => {
    expect(
      importZoneGroups([
        { index: 0, zone: 'East 片区' },
        { index: 1, zone: null },
        { index: 2, zone: '西片区' },
        { index: 3, zone: 'east 片区' },
      ]),
    ).toEqual([
      { name: 'East 片区', rows: [0, 3] },
      { name: '西片区', rows: [2] },
    ]);
  });

  it('words a refused zone with the zone rule it breaks, in both languages', () => {
    const params = { zone: '东片区', rule: 'zone_disconnected', parts: 2, gapM: 50, list: '甲 | 乙' };
    expect(problemMessage('zone_refused', params, 'zh')).toBe(
      `片区"东片区"无法随导入创建：${problemMessage('zone_disconnected', params, 'zh')}`,
    );
    expect(problemMessage('zone_refused', params, 'en')).toContain('not connected');
  });
});
