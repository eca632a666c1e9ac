/** A bounding box `[minLng, minLat, maxLng, maxLat]` in degrees (EPSG:4326). */
export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export type BboxParseResult = { ok: true; value: Bbox } | { ok: false; reason: string };

/**
 * Parses `minLng,minLat,maxLng,maxLat` and says exactly what is wrong when it can't.
 * @example parseBbox('109.40,24.30,109.42,24.32') // { ok: true, value: [109.4, 24.3, 109.42, 24.32] }
 */
export function parseBbox(text: string): BboxParseResult {
  const parts = text.split(',');
  if (parts.length !== 4) {
    return { ok: false, reason: `bbox needs 4 comma-separated numbers minLng,minLat,maxLng,maxLat; got ${parts.length}` };
  }
  const numbers: number[] = [];
  for (const part of parts) {
    const value = part.trim() === '' ? Number.NaN : Number(part);
    if (!Number.isFinite(value)) return { ok: false, reason: `bbox value "${part}" is not a number` };
    numbers.push(value);
  }
  const [minLng, minLat, maxLng, maxLat] = numbers as Bbox;
  for (const lng of [minLng, maxLng]) {
    if (lng < -180 || lng > 180) return { ok: false, reason: `bbox longitude ${lng} is outside -180…180` };
  }
  for (const lat of [minLat, maxLat]) {
    if (lat < -90 || lat > 90) return { ok: false, reason: `bbox latitude ${lat} is outside -90…90` };
  }
  if (minLng > maxLng) return { ok: false, reason: `bbox minLng ${minLng} is greater than maxLng ${maxLng}` };
  if (minLat > maxLat) return { ok: false, reason: `bbox minLat ${minLat} is greater than maxLat ${maxLat}` };
  return { ok: true, value: [minLng, minLat, maxLng, maxLat] };
}

/** `[minX, minY, maxX, maxY]` of a ring, in its own units (degrees or metres). */
export function ringBbox(ring: readonly (readonly number[])[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x = 0, y = 0] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Whether `inner` lies wholly inside `outer` (edges may touch).
 * @example bboxContains([0, 0, 10, 10], [1, 1, 2, 2]) // true
 */
export function bboxContains(outer: Readonly<Bbox>, inner: Readonly<Bbox>): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
