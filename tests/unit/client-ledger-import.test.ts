import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { exportScopeFor } from '../../client/src/features/export/export-scope';
import { EMPTY_ATLAS_FILTER } from '../../client/src/state/atlas-filter';
import { exportUrl, fileNameFromDisposition } from '../../client/src/api/export';
import { parseRowReports } from '../../client/src/api/imports';
import {
  acceptedFeatures,
  defaultSkipped,
  firstPosition,
  layerNameOf,
  mappingIssues,
  mapRowsInBatches,
  previewIndexes,
  sampleValues,
  withServerReport,
  type PreviewRow,
} from '../../client/src/features/import/import-rows';
import { mapRowsToEstates } from '../../core/io/map-rows';
import type { ImportTable } from '../../core/io/read-import-file';

const square = (x: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 0.001, 0],
      [x + 0.001, 0.001],
      [x, 0.001],
      [x, 0],
    ],
  ],
});

function row(sourceIndex: number, withFeature: boolean, problems: PreviewRow['problems'] = []): PreviewRow {
  return {
    sourceIndex,
    name: `row ${sourceIndex}`,
    feature: withFeature ? { type: 'Feature', geometry: square(sourceIndex), properties: { name: `row ${sourceIndex}` } } : null,
    landAreaM2: null,
    problems,
  };
}

const table: ImportTable = {
  format: 'csv',
  columns: ['小区名称', '户数', '备注'],
  rows: Array.from({ length: 7 }, (_, index) => ({
    index,
    values: { 小区名称: index === 3 ? '' : `小区${index % 4}`, 户数: index * 10, 备注: null },
    geometry: index === 5 ? null : square(index),
    geometryError: null,
  })),
  prjText: null,
  encoding: 'utf-8',
  geometryColumn: 'wkt',
};

describe('the import wizard steps', () => {
  it('asks for a name column and reports a ledger field fed by two columns once', () => {
    expect(mappingIssues({ a: 'households', b: null })).toEqual([{ kind: 'nameRequired' }]);
    expect(mappingIssues({ a: 'name', b: 'households', c: 'households', d: 'households' })).toEqual([
      { kind: 'duplicateField', field: 'households' },
    ]);
    expect(mappingIssues({ a: 'name' })).toEqual([]);
  });

  it('shows distinct non-empty sample values of a column', () => {
    expect(sampleValues(table, '小区名称')).toEqual(['小区0', '小区1', '小区2']);
    expect(sampleValues(table, '备注')).toEqual([]);
  });

  it('puts the server report, indexed by sent feature, back on the rows that had a feature', () => {
    const rows = [
      row(0, true),
      row(1, false, [{ code: 'empty_geometry', message: 'no geometry', params: {} }]),
      row(2, true, [{ code: 'missing_name', message: 'no name (client)', params: {} }]),
    ];
    const checked = withServerReport(rows, [
      { index: 0, landAreaM2: 812, problems: [] },
      {
        index: 1,
        landAreaM2: 90,
        problems: [
          { code: 'missing_name', message: 'name is required', params: {} },
          { code: 'overlap_in_file', message: 'overlaps row 0', params: {} },
        ],
      },
    ]);
    expect(checked[0]).toMatchObject({ landAreaM2: 812, problems: [] });
    expect(checked[1]?.problems.map((p) => p.code)).toEqual(['empty_geometry']);
    // The missing name, found by both sides, is shown once.
    expect(checked[2]?.problems.map((p) => p.code)).toEqual(['missing_name', 'overlap_in_file']);
    expect(rows[2]?.problems).toHaveLength(1);
  });

  it('skips problem rows by default and commits the others, keeping the preview layer indexes in step', () => {
    const rows = [
      row(0, true),
      row(1, false, [{ code: 'empty_geometry', message: '', params: {} }]),
      row(2, true, [{ code: 'invalid_geometry', message: 'Self-intersection', params: {} }]),
      row(3, true),
    ];
    const skipped = defaultSkipped(rows);
    expect([...skipped]).toEqual([1, 2]);
    expect(acceptedFeatures(rows, skipped).map((f) => f.properties.name)).toEqual(['row 0', 'row 3']);
    // The preview layer holds rows 0, 2, 3 (row 1 has no polygon).
    expect(previewIndexes(rows, skipped)).toEqual({ problemIndexes: [1], skippedIndexes: [1] });
    expect(previewIndexes(rows, new Set([3]))).toEqual({ problemIndexes: [1], skippedIndexes: [2] });
  });

  it('maps rows in batches exactly as mapping them all at once', async () => {
    const mapping = { 小区名称: 'name', 户数: 'households', 备注: null } as const;
    const batched = await mapRowsInBatches(table, mapping, 'gcj02', {}, 3);
    const whole = mapRowsToEstates(table, mapping, 'gcj02');
    expect(batched.map((r) => r.sourceIndex)).toEqual(whole.map((m) => m.index));
    expect(batched.map((r) => r.feature)).toEqual(whole.map((m) => m.feature));
    expect(batched.map((r) => r.problems.map((p) => p.code))).toEqual(whole.map((m) => m.problems.map((p) => p.code)));
    expect(batched[3]?.problems.map((p) => p.code)).toContain('missing_name');
    expect(batched[5]?.feature).toBeNull();
  });

  it('finds a sample coordinate and names the layer after the file', () => {
    expect(
      firstPosition({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [109.4, 24.3],
              [109.5, 24.3],
              [109.4, 24.4],
              [109.4, 24.3],
            ],
          ],
        ],
      }),
    ).toEqual([109.4, 24.3]);
    expect(firstPosition(null)).toBeUndefined();
    expect(layerNameOf('小区台账.2024.xlsx')).toBe('小区台账.2024');
    expect(layerNameOf('estates')).toBe('estates');
  });

  it('reads the row report of a refused import and rejects a malformed one', () => {
    expect(
      parseRowReports({
        rows: [
          {
            index: 0,
            landAreaM2: null,
            problems: [{ code: 'duplicate', message: 'same as 幸福里', params: { id: 3 }, details: { id: 3 } }],
          },
        ],
      }),
    ).toHaveLength(1);
    expect(parseRowReports({ rows: [{ index: '0', problems: [] }] })).toBeNull();
    expect(parseRowReports(null)).toBeNull();
  });
});

describe('the export scope', () => {
  it('sends the atlas filter whole: the server applies it by the same rules', () => {
    const urgentInS2 = { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S2', ''], urgent: ['yes' as const], search: ' 幸福 ' };
    const scope = exportScopeFor('filter', { filter: urgentInS2, checkedEstateIds: [1] });
    expect(scope).toEqual({ filter: urgentInS2 });
    expect(exportUrl('xlsx', scope)).toBe(`/api/export?format=xlsx&subdistrictCodes=S2%2C&urgent=yes&search=${encodeURIComponent('幸福')}`);
    expect(exportUrl('csv', exportScopeFor('filter', { filter: EMPTY_ATLAS_FILTER, checkedEstateIds: [] }))).toBe('/api/export?format=csv');
  });

  it('exports the checked rows by id', () => {
    const checked = exportScopeFor('checked', { filter: EMPTY_ATLAS_FILTER, checkedEstateIds: [1, 2] });
    expect(checked).toEqual({ ids: [1, 2] });
    expect(exportUrl('geojson', checked)).toBe('/api/export?format=geojson&ids=1%2C2');
  });

  it('takes the download name from Content-Disposition, preferring the UTF-8 form', () => {
    expect(fileNameFromDisposition(`attachment; filename="estates.xlsx"; filename*=UTF-8''%E5%B0%8F%E5%8C%BA.xlsx`)).toBe('小区.xlsx');
    expect(fileNameFromDisposition('attachment; filename="estates.csv"')).toBe('estates.csv');
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
