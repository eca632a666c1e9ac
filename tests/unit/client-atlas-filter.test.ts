import { describe, expect, it } from 'vitest';
import { estateFeature } from '../helpers/estate-fixture';
import type { EstateApiFeature } from '../../client/src/api/types';
import {
  EMPTY_ATLAS_FILTER,
  excludedEstateIds,
  filterEstates,
  hasActiveFilter,
  soleSubdistrict,
} from '../../client/src/state/atlas-filter';
import { estateTotals } from '../../core/estate-totals';
import * as ledger from '../../client/src/state/ledger-slice';
import * as filterSlice from '../../client/src/state/filter-slice';
import { homeEstates } from '../../client/src/features/atlas/home-estates';

const estate = estateFeature;

const estates = [
  estate(1, { name: '幸福里', address: '跃进路1号', households: 100, buildings: 4, floorAreaM2: 9000 }),
  estate(2, { name: 'Sunrise Court', code: 'EN-02', subdistrictCode: 'S2', yearBuilt: 2005, eligible: false, households: 50 }),
  estate(3, { name: '机械厂宿舍', urgent: true, yearBuilt: 0, households: 7, floorAreaM2: 250.5 }),
  estate(4, { name: '未划分小区', subdistrictCode: null, households: 3 }),
];
const ids = (rows: readonly EstateApiFeature[]) => rows.map((r) => r.id);

describe('the atlas filter', () => {
  it('shows every estate when nothing is filtered, with totals of all of them', () => {
    const rows = filterEstates(estates, EMPTY_ATLAS_FILTER);
    expect(ids(rows)).toEqual([1, 2, 3, 4]);
    expect(estateTotals(rows.map((r) => r.properties))).toMatchObject({
      estates: 4,
      households: 160,
      buildings: 4 + 1 + 1 + 1,
      floorAreaM2: 9000 + 1000 + 250.5 + 1000,
    });
    expect(hasActiveFilter(EMPTY_ATLAS_FILTER)).toBe(false);
  });

  it('finds estates by name, code or address, ignoring case and surrounding spaces', () => {
    const search = (text: string) => ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, search: text }));
    expect(search('幸福')).toEqual([1]);
    expect(search('  sunrise ')).toEqual([2]);
    expect(search('en-02')).toEqual([2]);
    expect(search('跃进路')).toEqual([1]);
    expect(search('不存在')).toEqual([]);
    expect(hasActiveFilter({ ...EMPTY_ATLAS_FILTER, search: ' x ' })).toBe(true);
    expect(hasActiveFilter({ ...EMPTY_ATLAS_FILTER, search: '   ' })).toBe(false);
  });

  it('keeps to the chosen sub-districts, and can pick estates without one', () => {
    expect(ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S2'] }))).toEqual([2]);
    expect(ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1', ''] }))).toEqual([1, 3, 4]);
  });

  it('filters by eligibility and urgency', () => {
    expect(ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, eligible: ['no'] }))).toEqual([2]);
    expect(ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, urgent: ['yes'] }))).toEqual([3]);
    expect(ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, urgent: ['yes', 'no'] }))).toEqual([1, 2, 3, 4]);
  });

  it('leaves estates of unknown year (reported as 0) out of any year range, and includes both ends', () => {
    const range = (yearFrom: number | null, yearTo: number | null) =>
      ids(filterEstates(estates, { ...EMPTY_ATLAS_FILTER, yearFrom, yearTo }));
    expect(range(1990, 2005)).toEqual([1, 2, 4]);
    expect(range(null, 1999)).toEqual([1, 4]);
    expect(range(2005, null)).toEqual([2]);
  });

  it('fades exactly the estates it leaves out, and none when it restricts nothing', () => {
    const filter = { ...EMPTY_ATLAS_FILTER, urgent: ['yes' as const] };
    expect([...excludedEstateIds(estates, filter)].sort()).toEqual([1, 2, 4]);
    expect(ids(filterEstates(estates, filter))).toEqual([3]);
    expect(excludedEstateIds(estates, EMPTY_ATLAS_FILTER).size).toBe(0);
  });

  it('names a sole sub-district only when sub-districts are all it restricts', () => {
    expect(soleSubdistrict({ ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1'] })).toBe('S1');
    expect(soleSubdistrict({ ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1', 'S2'] })).toBeNull();
    expect(soleSubdistrict({ ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1'], search: '幸福' })).toBeNull();
    expect(soleSubdistrict(EMPTY_ATLAS_FILTER)).toBeNull();
  });

  it('totals only the filtered rows', () => {
    const rows = filterEstates(estates, { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1'] });
    expect(estateTotals(rows.map((r) => r.properties))).toMatchObject({ estates: 2, households: 107 });
  });

  it('finds the 111 estates named 小区99… among 10 000 and totals the households of all of them', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => estate(i + 1, { name: `小区${i + 1}`, households: 1 }));
    const rows = filterEstates(many, { ...EMPTY_ATLAS_FILTER, search: '小区99' });
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

describe('the filter slice', () => {
  const start = filterSlice.initialFilter;

  it('starts with no restriction', () => {
    expect(start.filter).toEqual(EMPTY_ATLAS_FILTER);
    expect(hasActiveFilter(start.filter)).toBe(false);
  });

  it('keeps one filter: the sidebar and the ledger column set the same sub-districts', () => {
    const fromSidebar = { ...start, ...filterSlice.setFilter(start, { subdistrictCodes: ['S1'] }) };
    expect(fromSidebar.filter.subdistrictCodes).toEqual(['S1']);
    const fromLedger = {
      ...fromSidebar,
      ...filterSlice.setFilter(fromSidebar, { subdistrictCodes: ['S1', 'S2', 'S1'], eligible: ['yes'] }),
    };
    expect(fromLedger.filter).toEqual({ ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1', 'S2'], eligible: ['yes'] });
  });

  it('changes only the parts it is given', () => {
    const searched = { ...start, ...filterSlice.setFilter(start, { search: '幸福', yearFrom: 1980 }) };
    const next = filterSlice.setFilter(searched, { urgent: ['yes'] });
    expect(next.filter).toEqual({ ...EMPTY_ATLAS_FILTER, search: '幸福', yearFrom: 1980, urgent: ['yes'] });
  });

  it('returns no change when every part is already as asked, so nothing re-renders', () => {
    const s1 = { ...start, ...filterSlice.setFilter(start, { subdistrictCodes: ['S1'] }) };
    expect(filterSlice.setFilter(s1, { subdistrictCodes: ['S1'] })).toEqual({});
    expect(filterSlice.setFilter(start, { search: '' })).toEqual({});
  });

  it('resets every part at once', () => {
    const busy = { filter: { ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S1'], search: 'x', yearTo: 2000 } };
    expect(filterSlice.resetFilter(busy)).toEqual({ filter: EMPTY_ATLAS_FILTER });
    expect(filterSlice.resetFilter(start)).toEqual({});
  });
});

describe('the home estates the map frames on load', () => {
  const demo = [1, 2, 3].map((id) => estate(id, { districtCode: 'D1' }));
  const smallDistrict = [estate(4, { districtCode: 'D2' })];
  const helsinki = [5, 6, 7, 8].map((id) => estate(id, { districtCode: null, subdistrictCode: null, importLayerId: 3 }));
  const olderImport = [estate(9, { districtCode: null, subdistrictCode: null, importLayerId: 1 })];

  it('are the estates of the district with the most estates, not an import from another city', () => {
    expect(ids(homeEstates([...demo, ...smallDistrict, ...helsinki]))).toEqual([1, 2, 3]);
    expect(ids(homeEstates([...helsinki, ...demo]))).toEqual([1, 2, 3]);
  });

  it('are the newest import layer when no estate lies in a district', () => {
    expect(ids(homeEstates([...olderImport, ...helsinki]))).toEqual([5, 6, 7, 8]);
  });

  it('are every estate when none has a district or a layer', () => {
    const drawn = [estate(10, { districtCode: null, importLayerId: null }), estate(11, { districtCode: null, importLayerId: null })];
    expect(ids(homeEstates(drawn))).toEqual([10, 11]);
    expect(homeEstates([])).toEqual([]);
  });
});
