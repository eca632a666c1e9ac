import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import { areaOfPartsM2 } from '../../core/geometry/area-of-parts';
import { geometryOf, isUsableRing, partsOf } from '../../core/geometry/polygon-parts';
import { selfIntersections } from '../../core/geometry/self-intersections';

const square = [
  [109.41, 24.31],
  [109.411, 24.31],
  [109.411, 24.311],
  [109.41, 24.311],
  [109.41, 24.31],
];
const bowTie = [
  [109.41, 24.31],
  [109.411, 24.311],
  [109.411, 24.31],
  [109.41, 24.311],
  [109.41, 24.31],
];

describe('the geometry of an editing session', () => {
  it('joins one part into a Polygon and several into a MultiPolygon', () => {
    expect(geometryOf([square])).toEqual({ type: 'Polygon', coordinates: [square] });
    expect(geometryOf([square, square])).toEqual({ type: 'MultiPolygon', coordinates: [[square], [square]] });
    expect(geometryOf([])).toBeNull();
  });

  it('splits a MultiPolygon into its outer rings', () => {
    const split = partsOf({ type: 'MultiPolygon', coordinates: [[square], [square, bowTie]] });
    expect(split.parts).toEqual([square, square]);
    expect(split.hadHoles).toBe(true);
    expect(partsOf({ type: 'Polygon', coordinates: [square] }).hadHoles).toBe(false);
  });

  it('measures the area of all parts as turf does, about 11 200 m² for 0.001° square at 24.3° N', () => {
    const one = area({ type: 'Polygon', coordinates: [square] });
    expect(one).toBeGreaterThan(11_000);
    expect(one).toBeLessThan(11_500);
    expect(areaOfPartsM2([square])).toBeCloseTo(one, 6);
    expect(areaOfPartsM2([square, square])).toBeCloseTo(2 * one, 6);
  });

  it('does not measure rings that are not closed polygons yet', () => {
    expect(isUsableRing(square.slice(0, 3))).toBe(false);
    expect(areaOfPartsM2([square.slice(0, 4)])).toBe(0);
  });

  it('finds the crossing of a bow-tie and none in a square', () => {
    expect(selfIntersections([square])).toEqual([]);
    const crossings = selfIntersections([square, bowTie]);
    expect(crossings).toHaveLength(1);
    expect(crossings[0]?.[0]).toBeCloseTo(109.4105, 9);
    expect(crossings[0]?.[1]).toBeCloseTo(24.3105, 9);
  });
});
