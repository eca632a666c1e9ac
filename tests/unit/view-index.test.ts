import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { viewIndex, type ViewArea } from '../../core/geometry/view-index';
import type { Bbox } from '../../core/geometry/bbox';

const square = (x: number, y: number, size = 1): ViewArea<string> => ({
  value: `${x},${y}`,
  bbox: [x, y, x + size, y + size],
  outline: null,
});

/** An L over [0,0]–[4,4] whose inner corner leaves [2,2]–[4,4] empty. */
const ell: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [4, 0],
      [4, 2],
      [2, 2],
      [2, 4],
      [0, 4],
      [0, 0],
    ],
  ],
};

describe('areas in a map view', () => {
  const grid = [0, 2, 4, 6, 8].flatMap((x) => [0, 2, 4, 6, 8].map((y) => square(x, y)));

  it('counts every area the view meets and names the nearest its centre first', () => {
    // Centre (5, 5.6): the squares at 4,4 and 4,6 are as near as each other across, 4,6 nearer up and down.
    const view: Bbox = [3.5, 3.5, 6.5, 7.7];
    const { nearest, count } = viewIndex(grid).inView(view, 2);
    expect(count).toBe(4);
    expect(nearest).toEqual(['4,6', '4,4']);
    expect(viewIndex(grid).inView(view, 10).nearest).toEqual(['4,6', '4,4', '6,6', '6,4']);
  });

  it('answers an empty list for a view that meets nothing, or areas that are none', () => {
    expect(viewIndex(grid).inView([20, 20, 21, 21], 5)).toEqual({ nearest: [], count: 0 });
    expect(viewIndex([]).inView([0, 0, 1, 1], 5)).toEqual({ nearest: [], count: 0 });
  });

  it('leaves out an outline whose box meets the view but whose shape does not', () => {
    const areas: ViewArea<string>[] = [{ value: 'L', bbox: [0, 0, 4, 4], outline: ell }];
    expect(viewIndex(areas).inView([3, 3, 5, 5], 5).count).toBe(0);
    expect(viewIndex(areas).inView([1, 3, 5, 5], 5).count).toBe(1);
    // Without its outline the box stands for it.
    expect(viewIndex([{ ...areas[0]!, outline: null }]).inView([3, 3, 5, 5], 5).count).toBe(1);
  });
});
