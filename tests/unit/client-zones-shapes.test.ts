import { describe, expect, it } from 'vitest';
import type { PixelPoint } from '../../core/geometry/lng-lat';
import { boxRing, idsInShape, pointInRing, thinPath } from '../../client/src/features/zones/shape-hits';
import { dashedRings, metresPerPixel } from '../../client/src/map/dashed-rings';

describe('box and lasso hit testing', () => {
  const points = [
    { id: 1, at: [10, 10] as PixelPoint },
    { id: 2, at: [50, 10] as PixelPoint },
    { id: 3, at: [30, 40] as PixelPoint },
  ];

  it('takes the estates whose label point lies in a box dragged either way', () => {
    expect(idsInShape(points, boxRing([0, 0], [40, 50]))).toEqual([1, 3]);
    expect(idsInShape(points, boxRing([40, 50], [0, 0]))).toEqual([1, 3]);
  });

  it('follows a concave lasso: a point in its notch stays out', () => {
    // A "U" around 1 and 2 whose notch holds 3.
    const u: PixelPoint[] = [
      [0, 0],
      [20, 0],
      [20, 30],
      [40, 30],
      [40, 0],
      [60, 0],
      [60, 60],
      [0, 60],
    ];
    expect(idsInShape([...points, { id: 4, at: [30, 20] }], u)).toEqual([1, 2, 3]);
  });

  it('takes nothing with fewer than three points', () => {
    expect(
      idsInShape(points, [
        [0, 0],
        [100, 100],
      ]),
    ).toEqual([]);
  });

  it('tests points against open and closed rings alike', () => {
    const open: PixelPoint[] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(pointInRing([5, 5], open)).toBe(true);
    expect(pointInRing([5, 5], [...open, [0, 0]])).toBe(true);
    expect(pointInRing([15, 5], open)).toBe(false);
  });

  it('thins a pointer path to steps of at least the given length', () => {
    expect(
      thinPath(
        [
          [0, 0],
          [1, 0],
          [2, 0],
          [5, 0],
          [5, 1],
          [5, 9],
        ],
        3,
      ),
    ).toEqual([
      [0, 0],
      [5, 0],
      [5, 9],
    ]);
  });
});

describe('dashed outlines', () => {
  it('cuts a 111 m edge at the equator into 20 m dashes with 10 m gaps', () => {
    const dashes = dashedRings(
      [
        [
          [0, 0],
          [0.001, 0],
        ],
      ],
      20,
      10,
    );
    expect(dashes).toHaveLength(4);
    const first = dashes[0] ?? [];
    expect((first[1]?.[0] ?? 0) * 111_320).toBeCloseTo(20, 3);
    expect((dashes[1]?.[0]?.[0] ?? 0) * 111_320).toBeCloseTo(30, 3);
  });

  it('runs the pattern on across a corner (a dash bends with the ring)', () => {
    const [first] = dashedRings(
      [
        [
          [0, 0],
          [0.0001, 0],
          [0.0001, 0.001],
        ],
      ],
      20,
      10,
    );
    // 11.1 m east, then 8.9 m north: one dash of three vertices.
    expect(first).toHaveLength(3);
  });

  it('refuses a dash length that is not positive', () => {
    expect(() => dashedRings([], 0, 1)).toThrow(/positive dash length/);
  });

  it('halves the ground size of a pixel with each zoom step', () => {
    expect(metresPerPixel(0, 1) / metresPerPixel(0, 2)).toBeCloseTo(2, 9);
    expect(metresPerPixel(60, 10) / metresPerPixel(0, 10)).toBeCloseTo(0.5, 9);
  });
});
