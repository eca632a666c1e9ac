import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { buildSnapIndex, nearestOnSegment, snapToEstates, type Projection } from '../../core/geometry/snap-to-estates';

/** A flat test projection: 1 px per 0.00001° (≈ 1 m), y pointing down as on screen. */
const SCALE = 100_000;
const flat: Projection = {
  project: ([lng, lat]) => [lng * SCALE, -lat * SCALE],
  unproject: ([x, y]) => [x / SCALE, -y / SCALE],
};

function square(id: number, minLng: number, minLat: number, sizeDeg: number) {
  const geometry: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [minLng, minLat],
        [minLng + sizeDeg, minLat],
        [minLng + sizeDeg, minLat + sizeDeg],
        [minLng, minLat + sizeDeg],
        [minLng, minLat],
      ],
    ],
  };
  return { id, geometry };
}

// Estate 1 covers 0–100 px in x and -100–0 px in y; estate 2 lies 1 000 px away.
const index = buildSnapIndex([square(1, 0, 0, 0.001), square(2, 0.01, 0, 0.001)]);

describe('snapping to neighbouring estates', () => {
  it('snaps to a vertex within the tolerance', () => {
    const found = snapToEstates(index, [104, -103], flat, { tolerancePx: 10 });
    expect(found).toMatchObject({ kind: 'vertex', estateId: 1, position: [0.001, 0.001] });
    expect(found?.distancePx).toBeCloseTo(5, 6);
  });

  it('snaps to the nearest point of an edge when no vertex is in reach, exactly on the stored edge', () => {
    const found = snapToEstates(index, [50, 6], flat, { tolerancePx: 10 });
    expect(found?.kind).toBe('edge');
    expect(found?.position[0]).toBeCloseTo(0.0005, 12);
    expect(found?.position[1]).toBe(0);
  });

  it('prefers a vertex to a nearer edge point so corners line up', () => {
    // 2 px from the bottom edge, 8 px from the corner at (0, 0).
    const found = snapToEstates(index, [7.7, 2], flat, { tolerancePx: 10 });
    expect(found).toMatchObject({ kind: 'vertex', position: [0, 0] });
  });

  it('does not snap beyond the tolerance', () => {
    expect(snapToEstates(index, [50, 30], flat, { tolerancePx: 10 })).toBeNull();
    expect(snapToEstates(index, [500, -50], flat, { tolerancePx: 10 })).toBeNull();
  });

  it('ignores the excluded estate (the one being edited)', () => {
    expect(snapToEstates(index, [104, -103], flat, { tolerancePx: 10, excludeIds: new Set([1]) })).toBeNull();
    expect(snapToEstates(index, [1004, -103], flat, { tolerancePx: 10, excludeIds: new Set([1]) })).toMatchObject({ estateId: 2 });
  });

  it('indexes every ring of a MultiPolygon, holes included', () => {
    const multi = buildSnapIndex([
      {
        id: 7,
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            square(0, 0, 0, 0.001).geometry.coordinates,
            [
              ...square(0, 0.002, 0, 0.001).geometry.coordinates,
              [
                [0.0024, 0.0004],
                [0.0026, 0.0004],
                [0.0026, 0.0006],
                [0.0024, 0.0004],
              ],
            ],
          ],
        },
      },
    ]);
    expect(multi.rings).toHaveLength(3);
    expect(snapToEstates(multi, [241, -41], flat, { tolerancePx: 3 })).toMatchObject({ kind: 'vertex', position: [0.0024, 0.0004] });
  });

  it('clamps the nearest point to the segment ends', () => {
    expect(nearestOnSegment([-5, 0], [0, 0], [10, 0])).toBe(0);
    expect(nearestOnSegment([15, 3], [0, 0], [10, 0])).toBe(1);
    expect(nearestOnSegment([4, 3], [0, 0], [10, 0])).toBeCloseTo(0.4, 12);
    expect(nearestOnSegment([4, 3], [2, 2], [2, 2])).toBe(0);
  });
});
