/** The store's road collection as lines of the walking network. */
import type { RoadLine } from '../../../../core/network/road-graph';
import type { RoadCollection } from '../../api';

/** A MultiLineString's parts are lines of their own (they meet the rest where they share vertices). */
export function roadLinesOf(roads: RoadCollection): RoadLine[] {
  return roads.features.flatMap((f) =>
    f.geometry.type === 'LineString'
      ? [{ id: Number(f.id), coordinates: f.geometry.coordinates }]
      : f.geometry.coordinates.map((coordinates) => ({ id: Number(f.id), coordinates })),
  );
}
