/**
 * Shapes as bytes: read from PostGIS's WKB, and packed into typed arrays to cross to a worker
 * thread (server/features/zones/zone-workers.ts).
 */
import { shapeOf, type MetricShape } from './metric-shape.js';

/** Many shapes in three typed arrays, to hand to a worker thread without copying each one. */
export interface PackedShapes {
  xy: Float64Array;
  /** Ring starts of every shape, in vertices from the start of `xy`. */
  ringStarts: Uint32Array;
  /** Where each shape's ring starts begin in `ringStarts`, and one past the last. */
  shapeStarts: Uint32Array;
}

export function packShapes(shapes: readonly MetricShape[]): PackedShapes {
  let vertices = 0;
  let rings = 0;
  for (const shape of shapes) {
    vertices += shape.xy.length / 2;
    rings += shape.ringStarts.length - 1;
  }
  const xy = new Float64Array(vertices * 2);
  const ringStarts = new Uint32Array(rings + 1);
  const shapeStarts = new Uint32Array(shapes.length + 1);
  let v = 0;
  let r = 0;
  shapes.forEach((shape, s) => {
    shapeStarts[s] = r;
    xy.set(shape.xy, v * 2);
    for (let k = 0; k + 1 < shape.ringStarts.length; k++) ringStarts[r++] = v + (shape.ringStarts[k] ?? 0);
    v += shape.xy.length / 2;
  });
  shapeStarts[shapes.length] = r;
  ringStarts[r] = v;
  return { xy, ringStarts, shapeStarts };
}

export function unpackShapes(packed: PackedShapes): MetricShape[] {
  const shapes: MetricShape[] = [];
  for (let s = 0; s + 1 < packed.shapeStarts.length; s++) {
    const firstRing = packed.shapeStarts[s] ?? 0;
    const lastRing = packed.shapeStarts[s + 1] ?? 0;
    const from = packed.ringStarts[firstRing] ?? 0;
    const to = packed.ringStarts[lastRing] ?? 0;
    const xy = packed.xy.subarray(from * 2, to * 2);
    shapes.push(
      shapeOf(
        xy,
        packed.ringStarts.slice(firstRing, lastRing + 1).map((start) => start - from),
      ),
    );
  }
  return shapes;
}

/**
 * A shape from the WKB of a Polygon or MultiPolygon in metres (PostGIS's ST_AsBinary): read
 * straight into the packed arrays, which for a city of estates is several times faster than
 * parsing GeoJSON and leaves no garbage behind.
 */
export function shapeFromWkb(wkb: Uint8Array): MetricShape {
  const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
  const little = view.getUint8(0) === 1;
  const type = view.getUint32(1, little) % 1000;
  if (type !== 3 && type !== 6) throw new Error(`WKB type ${type} is not a polygon`);
  // Each polygon of a multipolygon has its own 5-byte header (byte order, type) before its ring count.
  const polygons = type === 6 ? view.getUint32(5, little) : 1;
  const first = type === 6 ? 9 : 5;
  // A first pass for the sizes, a second to copy: WKB gives counts before the coordinates.
  let rings = 0;
  let vertices = 0;
  let offset = first;
  for (let p = 0; p < polygons; p++) {
    if (type === 6) offset += 5;
    const ringCount = view.getUint32(offset, little);
    offset += 4;
    rings += ringCount;
    for (let r = 0; r < ringCount; r++) {
      const points = view.getUint32(offset, little);
      vertices += points;
      offset += 4 + points * 16;
    }
  }
  const xy = new Float64Array(vertices * 2);
  const ringStarts = new Uint32Array(rings + 1);
  let k = 0;
  let ring = 0;
  offset = first;
  for (let p = 0; p < polygons; p++) {
    if (type === 6) offset += 5;
    const ringCount = view.getUint32(offset, little);
    offset += 4;
    for (let r = 0; r < ringCount; r++) {
      const points = view.getUint32(offset, little);
      offset += 4;
      ringStarts[ring++] = k / 2;
      for (let i = 0; i < points; i++) {
        xy[k++] = view.getFloat64(offset, little);
        xy[k++] = view.getFloat64(offset + 8, little);
        offset += 16;
      }
    }
  }
  ringStarts[rings] = k / 2;
  return shapeOf(xy, ringStarts);
}
