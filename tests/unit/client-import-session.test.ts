import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { ImportTable } from '../../core/io/read-import-file';
import type { PreviewRow } from '../../client/src/features/import/import-rows';
import {
  acceptedCount,
  canAdvance,
  importSessionReducer,
  initialImportSession,
  isRunning,
  type ImportEvent,
  type ImportSession,
} from '../../client/src/features/import/import-session';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [0.001, 0],
      [0.001, 0.001],
      [0, 0],
    ],
  ],
};
const table: ImportTable = {
  format: 'csv',
  columns: ['小区名称'],
  rows: [],
  prjText: null,
  encoding: 'utf-8',
  geometryColumn: 'wkt',
};

function row(sourceIndex: number, problems: PreviewRow['problems'] = []): PreviewRow {
  return {
    sourceIndex,
    name: `row ${sourceIndex}`,
    feature: { type: 'Feature', geometry: square, properties: {} },
    landAreaM2: null,
    problems,
  };
}

const run = (events: ImportEvent[], from: ImportSession = initialImportSession) => events.reduce(importSessionReducer, from);

describe('the import session', () => {
  it('takes the guessed coordinate system and the matched fields from the file just read', () => {
    const s = run([
      { type: 'fileReading', fileName: 'estates.csv' },
      {
        type: 'fileRead',
        table,
        guess: { crs: 'gcj02', reason: 'the .prj names GCJ-02' },
        mapping: { 小区名称: 'name' },
        layerName: 'estates',
      },
    ]);
    expect(s).toMatchObject({ reading: false, crs: 'gcj02', mapping: { 小区名称: 'name' }, layerName: 'estates', fileName: 'estates.csv' });
    expect(canAdvance(s)).toBe(true);
  });

  it('holds at the mapping step until a column feeds the name', () => {
    const atMapping = run([
      { type: 'fileRead', table, guess: null, mapping: {}, layerName: 'x' },
      { type: 'advanced' },
      { type: 'advanced' },
    ]);
    expect(atMapping.step).toBe(2);
    expect(canAdvance(atMapping)).toBe(false);
    expect(canAdvance(importSessionReducer(atMapping, { type: 'mappingChanged', mapping: { 小区名称: 'name' } }))).toBe(true);
  });

  it('skips problem rows by default and lets the planner take them back', () => {
    let s = run([{ type: 'previewStarted', rowCount: 3 }]);
    expect(s.step).toBe(3);
    expect(canAdvance(s)).toBe(false);
    s = importSessionReducer(s, {
      type: 'previewChecked',
      rows: [row(0), row(1, [{ code: 'missing_name', message: 'no name', params: {} }]), row(2)],
    });
    expect([...s.skipped]).toEqual([1]);
    expect(acceptedCount(s)).toBe(2);
    s = importSessionReducer(s, { type: 'rowsSkipped', indexes: [1], skip: false });
    expect(acceptedCount(s)).toBe(3);
    expect(canAdvance(s)).toBe(true);
  });

  it('runs through upload, processing and refresh to done, and cannot be closed meanwhile', () => {
    let s = run([{ type: 'commitStarted' }, { type: 'uploadProgressed', progress: { phase: 'upload', fraction: 0.5 } }]);
    expect(s).toMatchObject({ phase: 'upload', percent: 30 });
    expect(isRunning(s)).toBe(true);
    s = run([{ type: 'uploadProgressed', progress: { phase: 'processing' } }, { type: 'committed' }], s);
    expect(s.phase).toBe('refresh');
    s = importSessionReducer(s, { type: 'done', result: { layerId: 1, inserted: 2, ids: [5, 6] } });
    expect(s).toMatchObject({ phase: 'done', percent: 100, result: { inserted: 2 } });
    expect(isRunning(s)).toBe(false);
  });

  it('puts the problems of a refused commit back on the rows that were sent', () => {
    let s = run([{ type: 'previewChecked', rows: [row(0), row(1, [{ code: 'duplicate', message: 'dup', params: {} }]), row(2)] }]);
    // Rows 0 and 2 were sent (row 1 was skipped); the report's index 1 is row 2.
    s = importSessionReducer(s, {
      type: 'commitRejected',
      message: 'refused',
      report: [{ index: 1, landAreaM2: null, problems: [{ code: 'overlap_existing', message: 'overlaps', params: {} }] }],
    });
    expect(s.phase).toBe('failed');
    expect(s.commitError).toBe('refused');
    expect(s.rows?.map((r) => r.problems.map((p) => p.code))).toEqual([[], ['duplicate'], ['overlap_existing']]);
  });

  it('returns to the preview from the commit step ready to try again', () => {
    const s = run([{ type: 'commitStarted' }, { type: 'commitRejected', message: 'x', report: [] }], { ...initialImportSession, step: 4 });
    expect(importSessionReducer(s, { type: 'wentBack' })).toMatchObject({ step: 3, phase: 'idle' });
  });
});
