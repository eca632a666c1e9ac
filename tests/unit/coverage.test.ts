/** core/coverage: ellipsoid distances, origins, nearest facilities, the tier rule, zone pooling and household shares. */
import fc from 'fast-check';
import geodesic from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { coverageShares, estateCoverage, zoneCoverage, type CoverageEstate } from '../../core/coverage/coverage.js';
import { coverageTypes } from '../../core/coverage/coverage-types.js';
import { metresPerDegree, pointDistanceM, pointToRingsDistanceM } from '../../core/coverage/ellipsoid-distance.js';
import { estateOrigins } from '../../core/coverage/estate-origins.js';
import { facilityIndex, MAX_SEARCH_M, nearestFacility, originDistanceM, type FacilityPoint } from '../../core/coverage/facility-index.js';
import { FACILITY_CATALOGUE } from '../../core/facility-catalogue.js';
import { squareAround } from '../helpers/test-polygons.js';

// A CommonJS package: its named exports come through the default import.
const WGS84 = (geodesic as unknown as { Geodesic: { WGS84: { Inverse(a: number, b: number, c: number, d: number): { s12: number } } } })
  .Geodesic.WGS84;
const geodesicM = (lngA: number, latA: number, lngB: number, latB: number): number => WGS84.Inverse(latA, lngA, latB, lngB).s12;

const BASE = { lng: 109.41, lat: 24.31 };
/** A point `eastM`, `northM` from BASE. */
function offset(eastM: number, northM: number, from = BASE): [number, number] {
  const scale = metresPerDegree(from.lat);
  return [from.lng + eastM / scale.x, from.lat + northM / scale.y];
}
const estateAt = (id: number, households: number, halfSideM: number, eastM = 0, northM = 0): CoverageEstate => {
  const [lng, lat] = offset(eastM, northM);
  return { id, households, origins: estateOrigins(squareAround(lng, lat, halfSideM), []) };
};
const facility = (type: string, eastM: number, northM: number): FacilityPoint => {
  const [lng, lat] = offset(eastM, northM);
  return { type, lng, lat };
};

describe('ellipsoid distances', () => {
  it('gives the WGS84 degree lengths at the equator', () => {
    expect(metresPerDegree(0).x).toBeCloseTo(111_319.49, 1);
    expect(metresPerDegree(0).y).toBeCloseTo(110_574.27, 1);
  });

  it('agrees with GeographicLib within 0.01 % up to 60 km at any latitude to 75°', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -75, max: 75, noNaN: true }),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        fc.double({ min: -0.4, max: 0.4, noNaN: true }),
        (lat, dLng, dLat) => {
          const reference = geodesicM(100, lat, 100 + dLng, lat + dLat);
          fc.pre(reference > 1 && reference < 60_000);
          expect(Math.abs(pointDistanceM(100, lat, 100 + dLng, lat + dLat) - reference) / reference).toBeLessThan(1e-4);
        },
      ),
    );
  });

  it('is 0 inside a polygon, and measures to the hole’s edge from inside a hole', () => {
    const outer = Float64Array.from(squareAround(BASE.lng, BASE.lat, 200).coordinates[0]!.flat());
    const hole = Float64Array.from(squareAround(BASE.lng, BASE.lat, 80).coordinates[0]!.flat());
    const scale = metresPerDegree(BASE.lat);
    const [insideLng, insideLat] = offset(0, 150);
    expect(pointToRingsDistanceM(insideLng, insideLat, [outer, hole], scale)).toBe(0);
    // squareAround sizes with 111 320 m a degree: the hole's nearest edge is its northern one.
    const toHoleEdgeM = geodesicM(BASE.lng, BASE.lat, BASE.lng, BASE.lat + 80 / 111_320);
    expect(pointToRingsDistanceM(BASE.lng, BASE.lat, [outer, hole], scale)).toBeCloseTo(toHoleEdgeM, 2);
  });
});

describe('origins and nearest facilities', () => {
  it('measures from the gates when an estate has them, else from the boundary', () => {
    const polygon = squareAround(BASE.lng, BASE.lat, 150);
    const [gateLng, gateLat] = [BASE.lng, BASE.lat - 150 / 111_320];
    const gated = estateOrigins(polygon, [[gateLng, gateLat]]);
    const [fLng, fLat] = offset(0, 400);
    // A kindergarten north of the estate, measured from its only gate on the south edge.
    expect(originDistanceM(gated, fLng, fLat)).toBeCloseTo(geodesicM(gateLng, gateLat, fLng, fLat), 1);
    expect(originDistanceM(estateOrigins(polygon, []), fLng, fLat)).toBeCloseTo(
      geodesicM(fLng, fLat, fLng, polygon.coordinates[0]![2]![1]!),
      1,
    );
  });

  it('finds the same nearest facility as a search of them all, however far it lies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -20_000, max: 20_000, noNaN: true }), fc.double({ min: -20_000, max: 20_000, noNaN: true })), {
          minLength: 1,
          maxLength: 60,
        }),
        (points) => {
          const facilities = points.map(([x, y]) => facility('kindergarten', x, y));
          const origins = estateAt(1, 100, 120).origins;
          const brute = Math.min(...facilities.map((f) => originDistanceM(origins, f.lng, f.lat)));
          const found = nearestFacility(facilityIndex(facilities), 'kindergarten', origins, 300);
          expect(found?.distanceM).toBeCloseTo(brute, 6);
          expect(originDistanceM(origins, facilities[found!.facility]!.lng, facilities[found!.facility]!.lat)).toBeCloseTo(brute, 6);
        },
      ),
    );
  });

  it('reports none when the nearest is beyond the search limit or the type is absent', () => {
    const index = facilityIndex([facility('kindergarten', MAX_SEARCH_M + 1000, 0)]);
    const origins = estateAt(1, 1, 50).origins;
    expect(nearestFacility(index, 'kindergarten', origins, 300)).toBeNull();
    expect(nearestFacility(index, 'nursery', origins, 300)).toBeNull();
  });
});

describe('coverage of estates and zones', () => {
  const types = coverageTypes();
  const everyTypeAt = (eastM: number, northM: number): FacilityPoint[] => types.map((t) => facility(t.id, eastM, northM));

  it('takes an administrator’s radius and counted types over the catalogue', () => {
    const changed = coverageTypes([
      { id: 'kindergarten', radiusM: 500 },
      { id: 'bus_stop', counted: false },
    ]);
    expect(changed.find((t) => t.id === 'kindergarten')).toMatchObject({ radiusM: 500, counted: true, tier: '5min' });
    expect(changed.find((t) => t.id === 'bus_stop')?.counted).toBe(false);
    expect(changed.map((t) => t.id)).toEqual(FACILITY_CATALOGUE.map((t) => t.id));
  });

  it('does not let a tier stand in for another: a missing 5-minute type is a gap beside a full 15-minute set', () => {
    // Everything 60 m east of the estate's edge, except kindergartens, which are 400 m away (radius 300).
    const facilities = [...everyTypeAt(160, 0).filter((f) => f.type !== 'kindergarten'), facility('kindergarten', 500, 0)];
    const result = estateCoverage(estateAt(1, 100, 100), facilityIndex(facilities), types);
    expect(result.gaps).toEqual(['kindergarten']);
    expect(result.types.kindergarten?.distanceM).toBeGreaterThan(390);
    expect(result.scorePct).toBeCloseTo((100 * 22) / 23, 6);
    // The waste point is 60 m away: within its 70 m.
    expect(result.types.waste_point?.covered).toBe(true);
  });

  it('leaves an uncounted type out of gaps and scores', () => {
    const uncounted = coverageTypes([{ id: 'kindergarten', counted: false }]);
    const facilities = everyTypeAt(160, 0).filter((f) => f.type !== 'kindergarten');
    const result = estateCoverage(estateAt(1, 100, 100), facilityIndex(facilities), uncounted);
    expect(result.gaps).toEqual([]);
    expect(result.types.kindergarten).toBeUndefined();
    expect(result.scorePct).toBe(100);
  });

  it('pools a zone: a facility near one member serves them all', () => {
    const index = facilityIndex([facility('kindergarten', 0, 0), facility('nursery', 2000, 0)]);
    const west = estateCoverage(estateAt(1, 100, 50), index, types);
    const east = estateCoverage(estateAt(2, 300, 50, 2000, 0), index, types);
    const pooled = zoneCoverage([west, east], types);
    expect(west.gaps).toContain('nursery');
    expect(east.gaps).toContain('kindergarten');
    expect(pooled.zone.gaps).not.toContain('nursery');
    expect(pooled.zone.gaps).not.toContain('kindergarten');
    expect(pooled.zone.gaps).toContain('bus_stop');
    expect(pooled.zone.households).toBe(400);
  });

  it('weights shares by households, and a tier only when all its types are in reach', () => {
    const index = facilityIndex([...everyTypeAt(0, 0)]);
    const near = estateCoverage(estateAt(1, 100, 50), index, types);
    const far = estateCoverage(estateAt(2, 300, 50, 800, 0), index, types);
    const { shares, tiers } = coverageShares([near, far], types);
    expect(shares.kindergarten).toEqual({ households: 400, coveredHouseholds: 100 });
    expect(shares.junior_middle_school).toEqual({ households: 400, coveredHouseholds: 400 });
    expect(tiers['15min']).toEqual({ households: 400, coveredHouseholds: 400 });
    expect(tiers['5min']).toEqual({ households: 400, coveredHouseholds: 100 });
  });
});
