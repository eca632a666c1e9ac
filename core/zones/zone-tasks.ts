/**
 * The outlines (in longitude/latitude) of many groups of estates as one self-contained task on
 * shapes packed into typed arrays, so the server can share the work out over worker threads
 * (server/features/zones/zone-workers.ts).
 */
import { zoneBridges, type ShapeLink } from './link-bridges.js';
import { planeToLngLat } from './local-metric.js';
import { unpackShapes, type PackedShapes } from './packed-shapes.js';
import { zoneOutline } from './zone-outline.js';

export interface GroupOutlinesTask {
  /** Every group's members, one after another. */
  shapes: PackedShapes;
  /** Where each group's members start in `shapes`, and one past the last. */
  groupStarts: number[];
  /** Each group's neighbour links, as indices into its own members. */
  links: ShapeLink[][];
  gapM: number;
  /** PROJ definition of the plane the shapes are in (core/zones/local-metric.ts). */
  proj: string;
}

/**
 * Every group's outline in two typed arrays, which cross between threads ten times faster than
 * nested coordinate arrays: `counts` holds, for each group, its polygon count, then for each
 * polygon its ring count, then for each ring its vertex count; `lngLat` the vertices.
 */
export interface PackedOutlines {
  counts: Uint32Array;
  lngLat: Float64Array;
}

/** The outlines of the task's groups (zone-outline.ts), packed. */
export function groupOutlines(task: GroupOutlinesTask): PackedOutlines {
  const shapes = unpackShapes(task.shapes);
  const converter = planeToLngLat(task);
  const counts: number[] = [];
  const lngLat: number[] = [];
  for (let g = 0; g + 1 < task.groupStarts.length; g++) {
    const members = shapes.slice(task.groupStarts[g], task.groupStarts[g + 1]);
    const bridges = zoneBridges(members, task.links[g] ?? [], task.gapM);
    const outline = zoneOutline(members, bridges, task.gapM);
    counts.push(outline.length);
    for (const polygon of outline) {
      counts.push(polygon.length);
      for (const ring of polygon) {
        counts.push(ring.length);
        for (const xy of ring) lngLat.push(...converter(xy as [number, number]));
      }
    }
  }
  return { counts: Uint32Array.from(counts), lngLat: Float64Array.from(lngLat) };
}

/** GeoJSON MultiPolygon coordinates, one per group, from packed outlines. */
export function unpackOutlines(packed: PackedOutlines): number[][][][][] {
  const { counts, lngLat } = packed;
  const outlines: number[][][][][] = [];
  let c = 0;
  let v = 0;
  while (c < counts.length) {
    const polygons: number[][][][] = new Array<number[][][]>(counts[c++] ?? 0);
    for (let p = 0; p < polygons.length; p++) {
      const rings: number[][][] = new Array<number[][]>(counts[c++] ?? 0);
      for (let r = 0; r < rings.length; r++) {
        const ring: number[][] = new Array<number[]>(counts[c++] ?? 0);
        for (let k = 0; k < ring.length; k++, v += 2) ring[k] = [lngLat[v] ?? 0, lngLat[v + 1] ?? 0];
        rings[r] = ring;
      }
      polygons[p] = rings;
    }
    outlines.push(polygons);
  }
  return outlines;
}
