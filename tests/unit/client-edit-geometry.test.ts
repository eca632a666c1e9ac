import { describe, expect, it } from 'vitest';
import { areaOfPartsM2 } from '../../core/geometry/area-of-parts';
import { committedSketchRing, geometryOf, isUsableRing, partsOf } from '../../core/geometry/polygon-parts';
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
  it('checks only the clicked vertices of a polygon being drawn, not the rubber band to the cursor', () => {
    // Three corners of a rectangle clicked; the cursor has swung below the first edge, so the rubber
    // band crosses it — the sketch as Terra Draw holds it: [...clicked, cursor, first].
    const cursor = [109.4105, 24.3095];
    const sketch = [square[0], square[1], square[2], cursor, square[0]] as number[][];
    expect(selfIntersections([sketch])).not.toHaveLength(0);
    expect(committedSketchRing(sketch)).toEqual([square[0], square[1], square[2], square[0]]);
    expect(selfIntersections([committedSketchRing(sketch)])).toHaveLength(0);
  });

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

  // Reference areas from PostGIS 3 on the ellipsoid, e.g.
  // SELECT ST_Area(ST_GeomFromText('POLYGON((109.41 24.31, 109.411 24.31, …))', 4326)::geography);
  // Issue 6, defect 9: the editor (ellipsoidal, geographiclib) agrees with PostGIS within 0.1 %; Turf's spherical area was 0.2 % off.
  const POSTGIS_SQUARE_M2 = 11_243.098; // the 0.001° square at 24.31° N above
  const lShape = [
    [116.397, 39.909],
    [116.3995, 39.909],
    [116.3995, 39.9105],
    [116.3982, 39.9105],
    [116.3982, 39.9112],
    [116.397, 39.9112],
    [116.397, 39.909],
  ];
  const POSTGIS_L_SHAPE_M2 = 43_577.246; // an L-shaped block of about 210 m × 240 m at 39.9° N
  const AREA_TOLERANCE = 0.001;

  function expectNear(actualM2: number, referenceM2: number): void {
    expect(Math.abs(actualM2 - referenceM2) / referenceM2, `${actualM2} m² against PostGIS ${referenceM2} m²`).toBeLessThan(AREA_TOLERANCE);
  }

  it('measures a small square and an L-shaped block as PostGIS does on the ellipsoid, within 0.1 %', () => {
    expectNear(areaOfPartsM2([square]), POSTGIS_SQUARE_M2);
    expectNear(areaOfPartsM2([lShape]), POSTGIS_L_SHAPE_M2);
  });

  it('measures a ring the same whichever way it is drawn, and adds up the parts', () => {
    expectNear(areaOfPartsM2([[...lShape].reverse()]), POSTGIS_L_SHAPE_M2);
    expectNear(areaOfPartsM2([square, lShape]), POSTGIS_SQUARE_M2 + POSTGIS_L_SHAPE_M2);
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
