/**
 * Zone outlines of core/zones (link-bridges.ts, zone-outline.ts) against closed-form answers for
 * rectangles, and against Turf for random layouts: one part per connected group, every member
 * inside, nothing beyond the members' convex hull. PostGIS checks the same outlines in
 * tests/api (zone-outlines, zones, zone-dbscan).
 */
import { booleanPointInPolygon, convex, featureCollection, multiPolygon, point } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectRing, rectShape as rect, type Rect } from '../helpers/test-polygons.js';
import { linkBridge, zoneBridges } from '../../core/zones/link-bridges.js';
import { packRings, type MetricShape } from '../../core/zones/metric-shape.js';
import { packShapes, shapeFromWkb, unpackShapes } from '../../core/zones/packed-shapes.js';
import { connectedComponents, neighbourLinks } from '../../core/zones/neighbour-graph.js';
import { zoneOutline, type MetricMultiPolygon } from '../../core/zones/zone-outline.js';
import { groupOutlines, unpackOutlines } from '../../core/zones/zone-tasks.js';

/** Shoelace area of GeoJSON coordinates in metres (outer rings minus holes). */
function areaM2(outline: MetricMultiPolygon): number {
  const ringArea = (ring: number[][]): number =>
    Math.abs(
      ring.reduce(
        (sum, [x = 0, y = 0], i) => sum + x * (ring[(i + 1) % ring.length]?.[1] ?? 0) - (ring[(i + 1) % ring.length]?.[0] ?? 0) * y,
        0,
      ),
    ) / 2;
  return outline.reduce((sum, [outer = [], ...holes]) => sum + ringArea(outer) - holes.reduce((h, ring) => h + ringArea(ring), 0), 0);
}

function outlineOf(rects: Rect[], gapM = 50): MetricMultiPolygon {
  const shapes = rects.map(rect);
  return zoneOutline(shapes, zoneBridges(shapes, neighbourLinks(shapes, gapM), gapM), gapM);
}

describe('bridges between neighbours', () => {
  it('take in the road between two estates facing each other, and nothing more', () => {
    const bridge = linkBridge(rect([0, 0, 100, 80]), rect([130, 0, 230, 80]), 50);
    // 30 m × 80 m, and a few millimetres into each estate so that a union joins them.
    expect(areaM2([[bridge]])).toBeGreaterThan(30 * 80);
    expect(areaM2([[bridge]])).toBeLessThan(30.01 * 80);
  });

  it('give corner-to-corner neighbours a bridge of some width', () => {
    const bridge = linkBridge(rect([700, 0, 800, 80]), rect([828.28, 108.28, 928.28, 188.28]), 50);
    expect(areaM2([[bridge]])).toBeGreaterThan(40 * 12.5 * 0.9);
  });
});

describe('zone outlines', () => {
  it('join estates across a 30 m road into one outline: the two estates and the road', () => {
    const outline = outlineOf([
      [0, 0, 100, 80],
      [130, 0, 230, 80],
    ]);
    expect(outline.map((p) => p.length)).toEqual([1]);
    expect(areaM2(outline)).toBeCloseTo(230 * 80, 0);
  });

  it('take in the crossing of two roads between four estates', () => {
    const outline = outlineOf([
      [0, 0, 100, 80],
      [130, 0, 230, 80],
      [0, 110, 100, 190],
      [130, 110, 230, 190],
    ]);
    expect(outline.map((p) => p.length)).toEqual([1]);
    expect(areaM2(outline)).toBeCloseTo(230 * 190, 0);
  });

  it('leave out a park the estates stand around', () => {
    const outline = outlineOf([
      [0, 320, 180, 400],
      [210, 320, 400, 400],
      [0, 0, 180, 80],
      [210, 0, 400, 80],
      [0, 110, 80, 290],
      [320, 110, 400, 290],
    ]);
    expect(outline.map((p) => p.length)).toEqual([2]);
    // To within the millimetres the bridges' corners are set into the estates.
    expect(Math.abs(areaM2(outline) - (400 * 400 - 240 * 240))).toBeLessThan(2);
  });

  it("keep an estate's own courtyard open, even one narrower than the gap", () => {
    const courtyard = packRings([rectRing([0, 0, 100, 100]), rectRing([35, 35, 65, 65]).reverse()]);
    const outline = zoneOutline([courtyard], [], 50);
    expect(outline.map((p) => p.length)).toEqual([2]);
    expect(areaM2(outline)).toBeCloseTo(100 * 100 - 30 * 30, 3);
  });

  it('is one part per connected group, holds every estate and stays within their convex hull (random layouts, against Turf)', () => {
    const rectArb = fc
      .tuple(
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 10, max: 120 }),
        fc.integer({ min: 10, max: 120 }),
      )
      .map(([x, y, w, h]): Rect => [x, y, x + w, y + h]);
    fc.assert(
      fc.property(fc.array(rectArb, { minLength: 2, maxLength: 12 }), fc.integer({ min: 10, max: 80 }), (rects, gapM) => {
        const shapes = rects.map(rect);
        const links = neighbourLinks(shapes, gapM);
        for (const members of connectedComponents(shapes.length, links)) {
          const memberShapes = members.map((m) => shapes[m] as MetricShape);
          const outline = zoneOutline(memberShapes, zoneBridges(memberShapes, neighbourLinks(memberShapes, gapM), gapM), gapM);
          expect(outline).toHaveLength(1);
          const shape = multiPolygon(outline);
          const corners = members.flatMap((m) => rectRing(rects[m] as Rect).slice(0, 4));
          // Each corner inside, to within the 1 cm the outline's vertices are thinned to (zone-outline.ts).
          const d = 0.015;
          for (const [x = 0, y = 0] of corners) {
            const near = [
              [x + d, y + d],
              [x - d, y - d],
              [x + d, y - d],
              [x - d, y + d],
            ];
            expect(near.some((p) => booleanPointInPolygon(point(p), shape))).toBe(true);
          }
          const hull = convex(featureCollection(corners.map((c) => point(c))));
          if (hull) expect(areaM2(outline)).toBeLessThanOrEqual(areaM2([hull.geometry.coordinates]) + 0.01);
        }
      }),
      { numRuns: 150, seed: 20261201 },
    );
  });
});

describe('packed shapes and outlines', () => {
  it('read WKB as packRings packs the same rings', () => {
    const rings = [rectRing([0, 0, 10, 10]), rectRing([2, 2, 4, 4]).reverse()];
    // A MultiPolygon of one polygon with a hole, little-endian, as ST_AsBinary writes it.
    const wkb = new DataView(new ArrayBuffer(9 + 9 + 2 * (4 + 5 * 16)));
    let at = 0;
    const u8 = (v: number): void => void wkb.setUint8(at++, v);
    const u32 = (v: number): void => {
      wkb.setUint32(at, v, true);
      at += 4;
    };
    u8(1);
    u32(6);
    u32(1);
    u8(1);
    u32(3);
    u32(2);
    for (const ring of rings) {
      u32(ring.length);
      for (const [x = 0, y = 0] of ring) {
        wkb.setFloat64(at, x, true);
        wkb.setFloat64(at + 8, y, true);
        at += 16;
      }
    }
    expect(shapeFromWkb(new Uint8Array(wkb.buffer))).toEqual(packRings(rings));
  });

  it('survive packing for a worker thread unchanged', () => {
    const shapes = [rect([0, 0, 10, 10]), packRings([rectRing([20, 0, 30, 10]), rectRing([22, 2, 24, 4])])];
    expect(unpackShapes(packShapes(shapes))).toEqual(shapes);
    const task = {
      shapes: packShapes(shapes),
      groupStarts: [0, 2],
      links: [[{ a: 0, b: 1 }]],
      gapM: 50,
      proj: '+proj=tmerc +lon_0=114 +lat_0=31 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs',
    };
    const [outline] = unpackOutlines(groupOutlines(task));
    expect(outline?.length).toBe(1);
    expect(outline?.[0]?.[0]?.[0]?.[0]).toBeCloseTo(114, 2);
  });
});
