/**
 * One vocabulary (issue 6): a field added to the ledger registry (core/ledger-fields.ts) appears in
 * the SQL, the field rules, the import's field matching, the export, the form, the estate panel and
 * the ledger table with no other edit. The test adds 停车位数 (parking spaces) to the registry and
 * looks for it in each.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { EstateApiFeature } from '../../core/contract/index.js';

vi.mock('../../core/ledger-fields.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../core/ledger-fields.js')>();
  const parkingSpaces = {
    key: 'parkingSpaces',
    column: 'parking_spaces',
    kind: 'integer',
    source: 'input',
    label: { zh: '停车位数', en: 'Parking spaces' },
    aliases: ['车位数', '停车位', 'parking'],
    totalled: true,
    rule: () => z.number().int().min(0),
    widthChars: 8,
  } as const;
  const LEDGER_FIELDS = [...original.LEDGER_FIELDS, parkingSpaces];
  // What core/ledger-fields.ts derives from the list, derived again from the longer list.
  const find = (key: string) => LEDGER_FIELDS.find((f) => f.key === key);
  return {
    ...original,
    LEDGER_FIELDS,
    LEDGER_FIELD_KEYS: LEDGER_FIELDS.map((f) => f.key),
    INPUT_FIELDS: LEDGER_FIELDS.filter((f) => f.source === 'input'),
    TOTALLED_FIELD_KEYS: LEDGER_FIELDS.filter((f) => 'totalled' in f).map((f) => f.key),
    isLedgerFieldKey: (key: string) => find(key) !== undefined,
    ledgerField: (key: string) => {
      const field = find(key);
      if (!field) throw new Error(`"${key}" is not a ledger field`);
      return field;
    },
  };
});

const { parseEstateFields } = await import('../../core/estate-schema.js');
const { autoMatchFields } = await import('../../core/io/field-matching.js');
const { INPUT_COLUMNS, estateSelectSql, inputFromJsonSql } = await import('../../server/features/estates/estates.sql.js');
const { estatesToCsv } = await import('../../server/features/export/export.service.js');
const { EMPTY_FORM_VALUES, FORM_LEDGER_FIELDS, formValuesOf, writePropertiesOf } =
  await import('../../client/src/features/edit/form-model.js');
const { ledgerColumns } = await import('../../client/src/features/ledger/ledger-columns.js');
const { panelItems } = await import('../../client/src/features/atlas/EstatePanel.js');
const { EMPTY_ATLAS_FILTER } = await import('../../client/src/state/atlas-filter.js');

const estate = {
  type: 'Feature',
  id: 7,
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [109.41, 24.31],
          [109.411, 24.31],
          [109.411, 24.311],
          [109.41, 24.31],
        ],
      ],
    ],
  },
  properties: {
    id: 7,
    code: 'CZ-007',
    name: '停车测试小区',
    parkingSpaces: 42,
    landAreaM2: 5621.57,
    eligible: true,
    version: 3,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
  },
} as unknown as EstateApiFeature;

const t = ((key: string) => key) as never;

describe('a field added to the ledger registry', () => {
  it('is a column of the estates SQL: written, selected under its API key and read from import JSON', () => {
    expect(INPUT_COLUMNS).toContain('parking_spaces');
    expect(estateSelectSql(1)).toContain('e.parking_spaces AS "parkingSpaces"');
    expect(inputFromJsonSql('r.fields')).toContain(`(r.fields->>'parkingSpaces')::int`);
  });

  it('follows its rule, and is unknown (null) when left out', () => {
    const ok = parseEstateFields({ name: '小区', parkingSpaces: 12 }, 2026);
    expect(ok.ok && ok.value).toMatchObject({ parkingSpaces: 12 });
    const absent = parseEstateFields({ name: '小区' }, 2026);
    expect(absent.ok && absent.value).toMatchObject({ parkingSpaces: null });
    const bad = parseEstateFields({ name: '小区', parkingSpaces: -1 }, 2026);
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['parkingSpaces']);
  });

  it('is matched from the headers planners use and written to the export under its Chinese header', () => {
    expect(autoMatchFields(['小区名称', '车位数'])).toEqual({ 小区名称: 'name', 车位数: 'parkingSpaces' });
    const [header, row] = estatesToCsv([estate])
      .replace(/^\uFEFF/u, '')
      .split('\r\n');
    const headers = (header ?? '').split(',');
    expect(headers).toContain('停车位数');
    expect((row ?? '').split(',')[headers.indexOf('停车位数')]).toBe('42');
  });

  it('has a control in the attribute form, and the form writes it', () => {
    expect(FORM_LEDGER_FIELDS.map((f) => f.key)).toContain('parkingSpaces');
    expect(EMPTY_FORM_VALUES).toHaveProperty('parkingSpaces', null);
    expect(writePropertiesOf({ ...formValuesOf(estate.properties), ...{ parkingSpaces: 50 } })).toMatchObject({ parkingSpaces: 50 });
  });

  it('is a row of the estate panel and a column of the ledger table, labelled in the UI language', () => {
    const rows = panelItems(estate.properties, t, 'zh');
    expect(rows.find((r) => r.key === 'parkingSpaces')?.label).toBe('停车位数');
    const columns = ledgerColumns({ t, language: 'en', filters: EMPTY_ATLAS_FILTER, subdistrictFilters: [] });
    expect(columns.find((c) => c.key === 'parkingSpaces')?.title).toBe('Parking spaces');
  });
});
