import { describe, expect, it } from 'vitest';
import { COLLECTION_ESTATE_SOURCE } from '../../core/contract/index';
import type { AtlasData } from '../../client/src/state/data-slice';
import * as data from '../../client/src/state/data-slice';
import * as selection from '../../client/src/state/selection-slice';
import * as view from '../../client/src/state/view-slice';
import * as coverage from '../../client/src/state/coverage-slice';
import type { EstateCoverage } from '../../core/coverage/coverage';
import { isColourBy, LAYER_KEYS } from '../../client/src/map/map-types';
import { isLanguage } from '../../client/src/shared/i18n/languages';

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };
const atlasData: AtlasData = {
  config: { eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource: COLLECTION_ESTATE_SOURCE },
  estates: emptyCollection,
  facilities: emptyCollection,
  roads: emptyCollection,
  subdistricts: emptyCollection,
  communities: emptyCollection,
  water: emptyCollection,
};

describe('the selection slice', () => {
  it('starts with nothing selected or hovered', () => {
    expect(selection.initialSelection).toEqual({ selectedEstateId: null, selectedFacilityId: null, hovered: null });
  });

  it('selects an estate by id and clears it again', () => {
    expect(selection.selectEstate(selection.initialSelection, 42)).toEqual({ selectedEstateId: 42, selectedFacilityId: null });
    expect(selection.selectEstate({ selectedEstateId: 42, selectedFacilityId: null, hovered: null }, null)).toEqual({
      selectedEstateId: null,
      selectedFacilityId: null,
    });
    expect(selection.clearSelection()).toEqual({ selectedEstateId: null, selectedFacilityId: null });
  });

  it('opens one panel at a time: a facility closes the estate and an estate the facility', () => {
    const estateOpen = { selectedEstateId: 42, selectedFacilityId: null, hovered: null };
    expect(selection.selectFacility(estateOpen, 7)).toEqual({ selectedFacilityId: 7, selectedEstateId: null });
    const facilityOpen = { selectedEstateId: null, selectedFacilityId: 7, hovered: null };
    expect(selection.selectEstate(facilityOpen, 42)).toEqual({ selectedEstateId: 42, selectedFacilityId: null });
    expect(selection.selectFacility(facilityOpen, null)).toEqual({ selectedFacilityId: null, selectedEstateId: null });
  });

  it('returns no change when the same object is hovered again, so subscribers do not re-render', () => {
    const state = { selectedEstateId: null, selectedFacilityId: null, hovered: { kind: 'estate' as const, id: 7 } };
    expect(selection.setHovered(state, { kind: 'estate', id: 7 })).toEqual({});
  });

  it('replaces the hover when a different object is pointed at', () => {
    const state = { selectedEstateId: null, selectedFacilityId: null, hovered: { kind: 'estate' as const, id: 7 } };
    expect(selection.setHovered(state, { kind: 'estate', id: 8 })).toEqual({ hovered: { kind: 'estate', id: 8 } });
    expect(selection.setHovered(state, { kind: 'facility', index: 7 })).toEqual({ hovered: { kind: 'facility', index: 7 } });
    expect(selection.setHovered(state, null)).toEqual({ hovered: null });
  });

  it('treats an estate and a facility with the same number as different hovers', () => {
    expect(selection.sameHover({ kind: 'estate', id: 3 }, { kind: 'facility', index: 3 })).toBe(false);
    expect(selection.sameHover({ kind: 'facility', index: 3 }, { kind: 'facility', index: 3 })).toBe(true);
    expect(selection.sameHover(null, null)).toBe(true);
    expect(selection.sameHover(null, { kind: 'estate', id: 1 })).toBe(false);
  });
});

describe('the view slice', () => {
  it('starts in Chinese, coloured by status, with every layer on, no filter and the block-tier facilities off', () => {
    expect(view.initialView.language).toBe('zh');
    expect(view.initialView.colourBy).toBe('stage');
    expect([...view.initialView.hiddenFacilityTypes].sort()).toEqual(['convenience_store', 'parcel_point', 'waste_point']);
    expect(Object.values(view.initialView.visibleLayers).every(Boolean)).toBe(true);
    expect(Object.keys(view.initialView.visibleLayers).sort()).toEqual([...LAYER_KEYS].sort());
  });

  it('switches one layer off without touching the others', () => {
    const next = view.setLayerVisible(view.initialView, 'roads', false);
    expect(next.visibleLayers).toEqual({ ...view.DEFAULT_VISIBLE_LAYERS, roads: false });
    expect(view.initialView.visibleLayers.roads).toBe(true);
  });

  it('returns no change when a layer is already in the asked state', () => {
    expect(view.setLayerVisible(view.initialView, 'estates', true)).toEqual({});
  });

  it('sets the colouring and the language', () => {
    expect(view.setColourBy(view.initialView, 'yearBuilt')).toEqual({ colourBy: 'yearBuilt' });
    expect(view.setLanguage(view.initialView, 'en')).toEqual({ language: 'en' });
  });

  it('hides a facility type once and shows it again', () => {
    const hidden = view.setFacilityTypeVisible(view.initialView, 'kindergarten', false);
    expect(hidden).toEqual({ hiddenFacilityTypes: [...view.DEFAULT_HIDDEN_FACILITY_TYPES, 'kindergarten'] });
    const state = { ...view.initialView, hiddenFacilityTypes: ['kindergarten', 'bus_stop'] };
    expect(view.setFacilityTypeVisible(state, 'kindergarten', false)).toEqual({});
    expect(view.setFacilityTypeVisible(state, 'kindergarten', true)).toEqual({ hiddenFacilityTypes: ['bus_stop'] });
    expect(view.setFacilityTypeVisible(view.initialView, 'kindergarten', true)).toEqual({});
  });

  it('shows every facility type or hides exactly the given ones', () => {
    const state = { ...view.initialView, hiddenFacilityTypes: ['bus_stop'] };
    expect(view.setAllFacilityTypesVisible(state, true, ['kindergarten', 'nursery'])).toEqual({ hiddenFacilityTypes: [] });
    expect(view.setAllFacilityTypesVisible(state, false, ['kindergarten', 'nursery'])).toEqual({
      hiddenFacilityTypes: ['kindergarten', 'nursery'],
    });
  });

  it('recognises only the known languages and colourings', () => {
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isColourBy('households')).toBe(true);
    expect(isColourBy('urgent')).toBe(false);
  });
});

describe('the data slice', () => {
  it('starts idle with no data or error', () => {
    expect(data.initialData).toEqual({
      status: 'idle',
      data: null,
      error: null,
      heldAreas: null,
      facilityWrites: 0,
      estateWrites: 0,
      serverSummary: null,
    });
  });

  it('clears an earlier error when loading starts again', () => {
    expect(data.dataLoading()).toEqual({ status: 'loading', error: null });
  });

  it('stores loaded data as ready', () => {
    // A city loaded whole holds every facility: no areas to track.
    expect(data.dataLoaded(data.initialData, atlasData)).toEqual({ status: 'ready', data: atlasData, error: null, heldAreas: null });
  });

  it('keeps the last good data when a reload fails', () => {
    const failed = data.dataFailed({ ...data.initialData, status: 'ready', data: atlasData }, 'database unreachable');
    expect(failed).toEqual({ status: 'error', error: 'database unreachable' });
    expect('data' in failed).toBe(false);
  });
});

describe('what a what-if brings within reach', () => {
  const result = (id: number, households: number, covered: boolean): EstateCoverage => ({
    id,
    households,
    origin: 'boundary',
    gaps: [],
    scorePct: 0,
    types: { kindergarten: { distanceM: 1, radiusM: 300, covered, nearest: 0 } },
  });

  it('lists the estates out of reach without the trial facilities and within reach with them, in the same model', () => {
    let state = { ...coverage.initialCoverage };
    state = {
      ...state,
      ...coverage.coverageComputed(state, 'network', [result(1, 10, false), result(2, 20, false), result(3, 30, true)], [], new Map(), 0),
    };
    state = {
      ...state,
      ...coverage.coverageComputed(state, 'network', [result(1, 10, true), result(2, 20, false), result(3, 30, true)], [], new Map(), 1),
    };
    expect(coverage.newlyCovered(state.coverage, 'kindergarten')).toEqual({ ids: [1], households: 10 });
    // Another model's trial run has nothing to compare with.
    state = {
      ...state,
      ...coverage.coverageComputed(state, 'euclidean', [result(1, 10, true), result(2, 20, true), result(3, 30, true)], [], new Map(), 1),
    };
    expect(coverage.newlyCovered(state.coverage, 'kindergarten')).toEqual({ ids: [], households: 0 });
  });
});
