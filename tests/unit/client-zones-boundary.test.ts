import { describe, expect, it } from 'vitest';
import type { ZoneApiFeature } from '../../client/src/api';
import { useZoneBoundaryStore } from '../../client/src/features/zones/zone-boundary-store';

const OUTER = [
  [114.0000000001234, 22.5],
  [114.001, 22.5],
  [114.001, 22.501],
  [114.0000000001234, 22.5],
];
const HOLE = [
  [114.0004, 22.5004],
  [114.0006, 22.5004],
  [114.0006, 22.5006],
  [114.0004, 22.5004],
];

function zoneWith(coordinates: number[][][][]): ZoneApiFeature {
  return { type: 'Feature', id: 7, geometry: { type: 'MultiPolygon', coordinates }, properties: {} as ZoneApiFeature['properties'] };
}

describe('editing a zone boundary by hand', () => {
  it('starts from the outer rings of the outline, without holes, at Terra Draw’s nine decimals', () => {
    useZoneBoundaryStore.getState().start(zoneWith([[OUTER, HOLE], [HOLE]]));
    const edit = useZoneBoundaryStore.getState().edit;
    expect(edit?.zoneId).toBe(7);
    expect(edit?.parts).toHaveLength(2);
    expect(edit?.parts[0]?.[0]).toEqual([114, 22.5]);
  });

  it('keeps the planner’s parts until the edit stops, and ignores parts after it', () => {
    useZoneBoundaryStore.getState().start(zoneWith([[OUTER]]));
    useZoneBoundaryStore.getState().setParts([HOLE]);
    expect(useZoneBoundaryStore.getState().edit?.parts).toEqual([HOLE]);
    useZoneBoundaryStore.getState().stop();
    useZoneBoundaryStore.getState().setParts([OUTER]);
    expect(useZoneBoundaryStore.getState().edit).toBeNull();
  });
});
