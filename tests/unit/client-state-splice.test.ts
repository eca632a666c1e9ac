import { describe, expect, it } from 'vitest';
import { COLLECTION_ESTATE_SOURCE } from '../../core/contract/index';
import { estateFeature } from '../helpers/estate-fixture';
import { EMPTY_ATLAS_FILTER, filterEstates, type AtlasFilter } from '../../client/src/state/atlas-filter';
import { estateTotals } from '../../core/estate-totals';
import type { EstateApiFeature, EstateApiProperties } from '../../client/src/api/types';
import * as data from '../../client/src/state/data-slice';
import type { AtlasData, DataState } from '../../client/src/state/data-slice';

function estate(id: number, p: Partial<EstateApiProperties> = {}): EstateApiFeature {
  return estateFeature(id, { code: `E${id}`, districtCode: 'D01', ...p });
}

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };
function loaded(estates: EstateApiFeature[]): DataState {
  const atlasData: AtlasData = {
    config: { eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource: COLLECTION_ESTATE_SOURCE },
    estates: { type: 'FeatureCollection', features: estates },
    facilities: emptyCollection,
    roads: emptyCollection,
    subdistricts: emptyCollection,
    communities: emptyCollection,
    water: emptyCollection,
  };
  return { ...data.initialData, ...data.dataLoaded(data.initialData, atlasData) };
}

const ids = (next: Partial<DataState>) => next.data?.estates.features.map((f) => f.id);

describe('splicing a write into the store', () => {
  const before = loaded([estate(1), estate(2, { subdistrictCode: 'S2', households: 40 }), estate(3)]);

  it('puts a patched estate in place of the stored one, keeping the order', () => {
    const patched = estate(2, { subdistrictCode: 'S2', households: 55, version: 2 });
    const next = data.estateStored(before, patched);
    expect(ids(next)).toEqual([1, 2, 3]);
    expect(next.data?.estates.features[1]).toBe(patched);
    // The other documents are the same objects, so the map is not rebuilt.
    expect(next.data?.facilities).toBe(before.data?.facilities);
  });

  it('takes the community names a tiled city loads late, keeping the other documents, and ends the wait for them', () => {
    const deferred: DataState = { ...before, data: before.data ? { ...before.data, communitiesDeferred: true } : null };
    const names = {
      type: 'FeatureCollection' as const,
      features: [{ type: 'Feature' as const, id: 1, geometry: null, properties: { code: 'C1', name: '新华社区', subdistrictCode: 'S2' } }],
    };
    const next = data.communitiesLoaded(deferred, names);
    expect(next.data?.communities).toBe(names);
    expect(next.data?.communitiesDeferred).toBe(false);
    expect(next.data?.estates).toBe(before.data?.estates);
    expect(data.communitiesLoaded(data.initialData, names)).toEqual({});
  });

  it('counts writes (save, delete, import), not an estate a tiled city fetched because it was opened', () => {
    expect(data.estateStored(before, estate(9)).estateWrites).toBe(1);
    expect(data.estatesReplaced(before, { type: 'FeatureCollection', features: [] }).estateWrites).toBe(1);
    const opened = data.estateOpened(before, estate(9));
    expect(opened.estateWrites).toBeUndefined();
    expect(ids(opened)).toEqual([1, 2, 3, 9]);
  });

  it('appends a created estate', () => {
    expect(ids(data.estateStored(before, estate(9)))).toEqual([1, 2, 3, 9]);
  });

  it('removes a deleted estate, and changes nothing for an id it does not hold', () => {
    expect(ids(data.estateRemoved(before, 2))).toEqual([1, 3]);
    // Gone from the server all the same (a tiled city holds few estates): a write.
    expect(data.estateRemoved(before, 42)).toEqual({ estateWrites: 1 });
    expect(data.estateRemoved(before, 2).estateWrites).toBe(1);
  });

  it('gives the summary strip the stored estate: totals of the filtered estates follow the write', () => {
    const patched = estate(2, { subdistrictCode: 'S2', households: 55, urgent: true });
    const after = data.estateStored(before, patched).data?.estates.features ?? [];
    const totals = (filter: AtlasFilter) => estateTotals(filterEstates(after, filter).map((f) => f.properties));
    expect(totals(EMPTY_ATLAS_FILTER)).toMatchObject({ estates: 3, households: 75, urgent: 1 });
    expect(totals({ ...EMPTY_ATLAS_FILTER, subdistrictCodes: ['S2'] })).toMatchObject({ estates: 1, households: 55, urgent: 1 });
  });

  it('replaces the whole collection after an import, keeping the other documents', () => {
    const next = data.estatesReplaced(before, { type: 'FeatureCollection', features: [estate(7), estate(8)] });
    expect(ids(next)).toEqual([7, 8]);
    expect(next.data?.roads).toBe(before.data?.roads);
  });

  it('ignores a write before the documents are loaded', () => {
    expect(data.estateStored(data.initialData, estate(1))).toEqual({});
  });
});
