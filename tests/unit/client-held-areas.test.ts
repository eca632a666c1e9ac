/**
 * A tiled city's facilities by area (client/src/features/atlas/held-areas.ts, the store's
 * areaMerged/facilitiesCleared) and the box growth it rests on (core bboxAroundM).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bboxAroundM, pointDistanceM } from '../../core/coverage/ellipsoid-distance';
import { bboxContains, type Bbox } from '../../core/geometry/bbox';
import { COLLECTION_ESTATE_SOURCE, type EstateSource } from '../../core/contract/index';
import type { EstateCoverage } from '../../core/coverage/coverage';
import { estateWant, facilitySearchM, nextHeldArea, viewWant, withinFacilitySearch } from '../../client/src/features/atlas/held-areas';
import { AREA_VIEW_MIN_ZOOM } from '../../client/src/map/deck-layers';
import type { FacilityFeature, RoadCollection } from '../../client/src/api/types';

type RoadFeature = RoadCollection['features'][number];
import * as data from '../../client/src/state/data-slice';
import type { AreaLayers, AtlasData, DataState } from '../../client/src/state/data-slice';

/** A double spread evenly over [min, max]. */
const uniform = (min: number, max: number) => fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);

describe('bboxAroundM', () => {
  it('leaves no point within the radius of the box outside it', () => {
    fc.assert(
      fc.property(
        // Scaled integers: fc.double favours values near zero, and the boxes here must be of every size.
        uniform(-170, 170),
        uniform(-75, 75),
        uniform(0, 0.2),
        uniform(0, 0.2),
        uniform(10, 20_000),
        uniform(0, 2 * Math.PI),
        uniform(1.000001, 1.0001),
        (west, south, width, height, radiusM, bearing, beyond) => {
          const box: Bbox = [west, south, west + width, south + height];
          const grown = bboxAroundM(box, radiusM);
          // A point just outside the grown box, in any direction from the box's centre …
          const [cx, cy] = [(grown[0] + grown[2]) / 2, (grown[1] + grown[3]) / 2];
          const [hx, hy] = [(grown[2] - grown[0]) / 2, (grown[3] - grown[1]) / 2];
          const reach = beyond / Math.max(Math.abs(Math.cos(bearing)) / hx, Math.abs(Math.sin(bearing)) / hy);
          const [px, py] = [cx + reach * Math.cos(bearing), cy + reach * Math.sin(bearing)];
          // … is farther than the radius from the nearest point of the box.
          const qx = Math.min(Math.max(px, box[0]), box[2]);
          const qy = Math.min(Math.max(py, box[1]), box[3]);
          expect(pointDistanceM(px, py, qx, qy)).toBeGreaterThan(radiusM * (1 - 1e-9));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('grows by about the radius where the box is (a degree of longitude narrows with latitude)', () => {
    const [west, south, east, north] = bboxAroundM([120, 30, 120, 30], 1000);
    expect(pointDistanceM(west, 30, 120, 30)).toBeGreaterThan(1000);
    expect(pointDistanceM(west, 30, 120, 30)).toBeLessThan(1010);
    expect(pointDistanceM(120, south, 120, 30)).toBeGreaterThan(1000);
    expect(pointDistanceM(120, north, 120, 30)).toBeLessThan(1010);
    expect(east - 120).toBeCloseTo(120 - west, 12);
  });
});

describe('bboxContains', () => {
  it.each([
    [[0, 0, 10, 10], [1, 1, 2, 2], true],
    [[0, 0, 10, 10], [0, 0, 10, 10], true],
    [[0, 0, 10, 10], [-1, 1, 2, 2], false],
    [[0, 0, 10, 10], [1, 1, 2, 11], false],
    [[1, 1, 2, 2], [0, 0, 10, 10], false],
  ] as [Bbox, Bbox, boolean][])('%j holds %j: %s', (outer, inner, holds) => {
    expect(bboxContains(outer, inner)).toBe(holds);
  });
});

describe('which facility area loads next', () => {
  const view = { bbox: [120, 30, 120.02, 30.01] as Bbox, zoom: 15 };

  it('wants nothing for a view zoomed out beyond where facilities are drawn', () => {
    expect(viewWant({ ...view, zoom: AREA_VIEW_MIN_ZOOM - 0.01 })).toBeNull();
    expect(nextHeldArea([viewWant({ ...view, zoom: 10 })], [])).toBeNull();
  });

  it('loads the view with a margin, and not again for a small pan inside it', () => {
    const first = nextHeldArea([viewWant(view)], []);
    expect(first).not.toBeNull();
    expect(bboxContains(first!, view.bbox)).toBe(true);
    expect(first![2] - first![0]).toBeCloseTo(1.5 * 0.02, 9);
    const panned = { ...view, bbox: [120.004, 30.002, 120.024, 30.012] as Bbox };
    expect(nextHeldArea([viewWant(panned)], [first!])).toBeNull();
    const farther = { ...view, bbox: [120.02, 30, 120.04, 30.01] as Bbox };
    expect(nextHeldArea([viewWant(farther)], [first!])).not.toBeNull();
  });

  it("loads an opened estate's surroundings as far as its coverage search reaches, first", () => {
    const searchM = facilitySearchM([]);
    expect(searchM).toBe(3000);
    const estate: Bbox = [121, 31, 121.01, 31.01];
    const area = nextHeldArea([estateWant(estate, searchM), viewWant(view)], []);
    expect(area).toEqual(bboxAroundM(estate, searchM));
    expect(nextHeldArea([estateWant(estate, searchM), viewWant(view)], [area!])).toEqual(nextHeldArea([viewWant(view)], []));
  });

  it('widens the search with the widest radius in force', () => {
    expect(facilitySearchM([1500])).toBe(4500);
  });

  it('keeps a world-wrapped view inside the ranges the API accepts', () => {
    const area = nextHeldArea([viewWant({ bbox: [179.9, 89.5, 180.3, 89.99], zoom: 14 })], []);
    expect(area).toEqual([expect.closeTo(179.8, 9), expect.closeTo(89.3775, 9), 180, 90]);
  });
});

describe('coverage in a tiled city', () => {
  const result: EstateCoverage = {
    id: 1,
    origin: 'boundary',
    households: 300,
    gaps: ['elderly_home'],
    types: {
      elderly_home: { distanceM: 4200, radiusM: 1000, covered: false, nearest: 7 },
      kindergarten: { distanceM: 250, radiusM: 300, covered: true, nearest: 2 },
    },
    scorePct: 50,
  };

  it('reports a nearest beyond the search as none, and keeps the others', () => {
    const [held] = withinFacilitySearch([result], 3000);
    expect(held?.types.elderly_home).toEqual({ distanceM: null, radiusM: 1000, covered: false, nearest: null });
    expect(held?.types.kindergarten).toBe(result.types.kindergarten);
    expect(held?.gaps).toEqual(['elderly_home']);
  });
});

function facility(id: number): FacilityFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [120 + id / 1000, 30] },
    properties: { type: 'kindergarten', name: `F${id}`, status: 'existing' },
  } as unknown as FacilityFeature;
}
function road(id: number): RoadFeature {
  return {
    type: 'Feature',
    id,
    geometry: {
      type: 'LineString',
      coordinates: [
        [120, 30],
        [120 + id / 1000, 30.01],
      ],
    },
    properties: { name: `R${id}`, roadClass: 'branch' },
  } as unknown as RoadFeature;
}
/** An area's answer: these facilities, and these roads (none unless given). */
const layers = (facilityIds: number[], roadIds: number[] = []): AreaLayers => ({
  facilities: { type: 'FeatureCollection', features: facilityIds.map(facility) },
  roads: { type: 'FeatureCollection', features: roadIds.map(road) },
});

function loaded(estateSource: EstateSource): DataState {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  const atlasData: AtlasData = {
    config: { eligibilityCutoffYear: 2000, basemap: { styleUrl: null, tiandituKey: null }, estateSource },
    estates: empty,
    facilities: empty,
    roads: empty,
    subdistricts: empty,
    communities: empty,
    water: empty,
  };
  return { ...data.initialData, ...data.dataLoaded(data.initialData, atlasData) };
}

describe('facilities and roads held by area', () => {
  const tiled = loaded({ kind: 'tiles', estates: 200_000, yearBuilt: [1960, 2005], households: [20, 900] });
  const areaA: Bbox = [120, 30, 120.1, 30.1];
  const areaB: Bbox = [120.05, 30, 120.15, 30.1];

  it('holds no areas in a whole city, and ignores a late area answer there', () => {
    const whole = loaded(COLLECTION_ESTATE_SOURCE);
    expect(whole.heldAreas).toBeNull();
    expect(data.areaMerged(whole, areaA, layers([1], [1]))).toEqual({});
    expect(data.facilitiesCleared(whole)).toEqual({});
  });

  it('appends the facilities it does not hold yet, so earlier positions stay valid', () => {
    expect(tiled.heldAreas).toEqual([]);
    const first = { ...tiled, ...data.areaMerged(tiled, areaA, layers([3, 1, 2], [7, 8])) };
    const second = { ...first, ...data.areaMerged(first, areaB, layers([2, 5, 3, 4], [8, 9])) };
    expect(second.data?.facilities.features.map((f) => f.id)).toEqual([3, 1, 2, 5, 4]);
    expect(second.data?.facilities.features[0]).toBe(first.data?.facilities.features[0]);
    // A road crossing both areas comes with each, and is held once.
    expect(second.data?.roads.features.map((f) => f.id)).toEqual([7, 8, 9]);
    expect(second.heldAreas).toEqual([areaA, areaB]);
    // Nothing new of one layer keeps its collection (the map and coverage do not rerun for it).
    const roadsOnly = data.areaMerged(second, areaA, layers([1], [10]));
    expect(roadsOnly.data?.facilities).toBe(second.data?.facilities);
    expect(roadsOnly.data?.roads.features.map((f) => f.id)).toEqual([7, 8, 9, 10]);
    const third = data.areaMerged(second, areaA, layers([1, 4], [9]));
    expect(third).toEqual({ heldAreas: [areaA, areaB, areaA] });
  });

  it('forgets every area’s facilities after an import, and counts it as a write', () => {
    const held = { ...tiled, ...data.areaMerged(tiled, areaA, layers([1, 2], [3])) };
    const cleared = data.facilitiesCleared(held);
    expect(cleared.heldAreas).toEqual([]);
    expect(cleared.data?.facilities.features).toEqual([]);
    expect(cleared.facilityWrites).toBe(held.facilityWrites + 1);
    // The roads held stay: an import changes no road.
    expect(cleared.data?.roads).toBe(held.data?.roads);
  });

  it('replaces the facilities of the areas asked again after a change elsewhere, and keeps those of an area that joined meanwhile', () => {
    const areaC: Bbox = [120.15, 30, 120.2, 30.1];
    const asked = { ...tiled, ...data.areaMerged(tiled, areaA, layers([1, 2, 3])) };
    const joined = { ...asked, ...data.areaMerged(asked, areaC, layers([160])) };
    // Asked for areaA only: 1 and 3 deleted elsewhere, 2 edited, 4 added.
    const edited = { ...facility(2), properties: { ...facility(2).properties, name: 'F2 renamed' } };
    const answer = { type: 'FeatureCollection' as const, features: [edited, facility(4)] };
    const refreshed = data.facilitiesRefreshed(joined, [areaA], [answer, answer]);
    expect(refreshed.data?.facilities.features.map((f) => f.id)).toEqual([160, 2, 4]);
    expect(refreshed.data?.facilities.features[1]?.properties.name).toBe('F2 renamed');
    expect(refreshed.facilityWrites).toBe(joined.facilityWrites + 1);
    expect(data.facilitiesRefreshed(loaded(COLLECTION_ESTATE_SOURCE), [areaA], [answer])).toEqual({});
  });
});
