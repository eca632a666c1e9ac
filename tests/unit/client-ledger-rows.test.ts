import { describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateApiProperties } from '../../client/src/api/types';
import { EMPTY_LEDGER_FILTERS, filterLedgerRows, hasActiveFilters } from '../../client/src/features/ledger/ledger-rows';
import { estateTotals } from '../../core/estate-totals';
import * as ledger from '../../client/src/state/ledger-slice';

function estate(id: number, p: Partial<EstateApiProperties>): EstateApiFeature {
  const properties = {
    id,
    code: `CZ-${id}`,
    name: `小区${id}`,
    address: '',
    district: '城中区',
    subdistrict: '城中街道',
    community: '',
    districtCode: 'D1',
    subdistrictCode: 'S1',
    communityCode: null,
    yearBuilt: 1990,
    buildings: 1,
    households: 10,
    floorAreaM2: 1000,
    landAreaM2: 500,
    propertyType: 'housing_reform',
    originalOwnerUnit: '',
    hasPropertyManagement: false,
    hasOwnersCommittee: false,
    urgent: false,
    hazardLevel: 'none',
    willingnessPct: null,
    notes: '',
    eligibilityOverride: null,
    eligibilityOverrideReason: null,
    eligible: true,
    importLayerId: null,
    version: 1,
    createdAt: '',
    updatedAt: '',
    ...p,
  } satisfies EstateApiProperties;
  return { type: 'Feature', id, geometry: { type: 'MultiPolygon', coordinates: [] }, properties };
}

const estates = [
  estate(1, { name: '幸福里', address: '跃进路1号', households: 100, buildings: 4, floorAreaM2: 9000 }),
  estate(2, { name: 'Sunrise Court', code: 'EN-02', subdistrictCode: 'S2', yearBuilt: 2005, eligible: false, households: 50 }),
  estate(3, { name: '机械厂宿舍', urgent: true, yearBuilt: 0, households: 7, floorAreaM2: 250.5 }),
  estate(4, { name: '未划分小区', subdistrictCode: null, households: 3 }),
];
const ids = (rows: EstateApiFeature[]) => rows.map((r) => r.id);

describe('the ledger rows', () => {
  it('shows every estate when nothing is filtered, with totals of all of them', () => {
    const rows = filterLedgerRows(estates, null, EMPTY_LEDGER_FILTERS);
    expect(ids(rows)).toEqual([1, 2, 3, 4]);
    expect(estateTotals(rows.map((r) => r.properties))).toMatchObject({ estates: 4, households: 160, buildings: 4 + 1 + 1 + 1, floorAreaM2: 9000 + 1000 + 250.5 + 1000 });
    expect(hasActiveFilters(EMPTY_LEDGER_FILTERS)).toBe(false);
  });

  it('finds estates by name, code or address, ignoring case and surrounding spaces', () => {
    const search = (text: string) => ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, search: text }));
    expect(search('幸福')).toEqual([1]);
    expect(search('  sunrise ')).toEqual([2]);
    expect(search('en-02')).toEqual([2]);
    expect(search('跃进路')).toEqual([1]);
    expect(search('不存在')).toEqual([]);
    expect(hasActiveFilters({ ...EMPTY_LEDGER_FILTERS, search: ' x ' })).toBe(true);
    expect(hasActiveFilters({ ...EMPTY_LEDGER_FILTERS, search: '   ' })).toBe(false);
  });

  it('keeps to the sidebar sub-district, and the table filter can pick estates without one', () => {
    expect(ids(filterLedgerRows(estates, 'S2', EMPTY_LEDGER_FILTERS))).toEqual([2]);
    expect(ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, subdistrictCodes: ['S1', ''] }))).toEqual([1, 3, 4]);
  });

  it('filters by eligibility and urgency', () => {
    expect(ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, eligible: ['no'] }))).toEqual([2]);
    expect(ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, urgent: ['yes'] }))).toEqual([3]);
    expect(ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, urgent: ['yes', 'no'] }))).toEqual([1, 2, 3, 4]);
  });

  it('leaves estates of unknown year (reported as 0) out of any year range, and includes both ends', () => {
    const range = (yearFrom: number | null, yearTo: number | null) => ids(filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, yearFrom, yearTo }));
    expect(range(1990, 2005)).toEqual([1, 2, 4]);
    expect(range(null, 1999)).toEqual([1, 4]);
    expect(range(2005, null)).toEqual([2]);
  });

  it('totals only the filtered rows', () => {
    const rows = filterLedgerRows(estates, null, { ...EMPTY_LEDGER_FILTERS, subdistrictCodes: ['S1'] });
    expect(estateTotals(rows.map((r) => r.properties))).toMatchObject({ estates: 2, households: 107 });
  });

  it('finds the 111 estates named 小区99… among 10 000 and totals the households of all of them', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => estate(i + 1, { name: `小区${i + 1}`, households: 1 }));
    const rows = filterLedgerRows(many, null, { ...EMPTY_LEDGER_FILTERS, search: '小区99' });
    expect(rows.length).toBe(111); // 99, 990–999, 9900–9999
    expect(estateTotals(many.map((r) => r.properties)).households).toBe(10_000);
  });
});

describe('the ledger slice', () => {
  it('numbers each fly-to request so that asking twice for the same estate flies twice', () => {
    const first = ledger.requestFlyTo(ledger.initialLedger, [7]);
    expect(first.flyTo).toEqual({ estateIds: [7], features: null, coveredRightPx: null, seq: 1 });
    const second = ledger.requestFlyTo({ ...ledger.initialLedger, ...first }, [7], 400);
    expect(second.flyTo).toEqual({ estateIds: [7], features: null, coveredRightPx: 400, seq: 2 });
  });

  it('opens the ledger closed and with nothing checked', () => {
    expect(ledger.initialLedger).toMatchObject({ ledgerOpen: false, checkedEstateIds: [], importPreview: null });
    expect(ledger.setLedgerOpen(ledger.initialLedger, true)).toEqual({ ledgerOpen: true });
  });
});
