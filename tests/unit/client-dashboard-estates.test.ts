import { describe, expect, it } from 'vitest';
import { COLLECTION_ESTATE_SOURCE, MAX_DASHBOARD_ESTATE_IDS, type EstateSource } from '../../core/contract/index';
import { dashboardEstatesParam } from '../../client/src/features/programme/dashboard-estates';
import type { ZoneApiFeature } from '../../client/src/api';
import type { AtlasData } from '../../client/src/state/data-slice';
import { estateFeature } from '../helpers/estate-fixture';

const TILES: EstateSource = { kind: 'tiles', estates: 200_000, yearBuilt: [1960, 2005], households: [20, 900] };
const empty = { type: 'FeatureCollection' as const, features: [] };

function city(estateSource: EstateSource, heldIds: number[]): AtlasData {
  return {
    config: { eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource },
    estates: { type: 'FeatureCollection', features: heldIds.map((id) => estateFeature(id)) },
    facilities: empty,
    roads: empty,
    subdistricts: empty,
    communities: empty,
    water: empty,
  };
}
const ready = (data: AtlasData) => ({ data, status: 'ready' as const });
const zone = (estateIds: number[]) => ({ properties: { estateIds } }) as unknown as ZoneApiFeature;

describe('which estates the dashboard lists', () => {
  it('lists every estate for a city held whole', () => {
    expect(dashboardEstatesParam(ready(city(COLLECTION_ESTATE_SOURCE, [1, 2])), [zone([3])])).toBeNull();
    expect(dashboardEstatesParam({ data: null, status: 'error' }, null)).toBeNull();
  });

  it('waits while the city loads: which estates it will hold is not known yet', () => {
    expect(dashboardEstatesParam({ data: null, status: 'loading' }, null)).toBeUndefined();
  });

  it('lists a tiled city’s held estates and zone members, once each and sorted', () => {
    expect(dashboardEstatesParam(ready(city(TILES, [42, 7])), [zone([9, 42]), zone([3])])).toBe('3,7,9,42');
  });

  it('asks for none when a tiled city holds none, and for all past the server’s limit', () => {
    expect(dashboardEstatesParam(ready(city(TILES, [])), [])).toBe('none');
    const members = Array.from({ length: MAX_DASHBOARD_ESTATE_IDS }, (_, i) => i + 1);
    expect(dashboardEstatesParam(ready(city(TILES, [])), [zone(members)])?.split(',')).toHaveLength(MAX_DASHBOARD_ESTATE_IDS);
    expect(dashboardEstatesParam(ready(city(TILES, [MAX_DASHBOARD_ESTATE_IDS + 1])), [zone(members)])).toBeNull();
  });
});
