/**
 * Dashes for outlines drawn without deck.gl's PathStyleExtension (not a dependency): each ring is
 * cut into short paths in a local flat approximation (metres east/north of the ring's first vertex),
 * good to well under a metre over a zone's few hundred metres.
 */
import type { Position } from 'geojson';

const METRES_PER_DEGREE_LAT = 111_320;

/** Ground metres per CSS pixel in Web Mercator at a latitude and zoom (512-px tiles, as MapLibre). */
export function metresPerPixel(latDeg: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((latDeg * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * Cuts rings into dashes of `dashM` metres separated by `gapM`, the pattern running on across vertices.
 * @example dashedRings([[[0, 0], [0.001, 0]]], 20, 10).length // 4 (a 111 m edge at the equator)
 */
export function dashedRings(rings: readonly (readonly Position[])[], dashM: number, gapM: number): Position[][] {
  if (!(dashM > 0) || !(gapM >= 0)) throw new Error('dashedRings: give a positive dash length and a non-negative gap');
  const dashes: Position[][] = [];
  for (const ring of rings) {
    const origin = ring[0];
    if (!origin || ring.length < 2) continue;
    const [lng0 = 0, lat0 = 0] = origin;
    const mPerLng = METRES_PER_DEGREE_LAT * Math.cos((lat0 * Math.PI) / 180);
    const toLngLat = (x: number, y: number): Position => [lng0 + x / mPerLng, lat0 + y / METRES_PER_DEGREE_LAT];
    const xy = ring.map(([lng = 0, lat = 0]) => [(lng - lng0) * mPerLng, (lat - lat0) * METRES_PER_DEGREE_LAT] as const);
    // Where in the dash pattern the walk is, and whether the pen is down.
    let left = dashM;
    let drawing = true;
    let current: Position[] = [toLngLat(0, 0)];
    for (let i = 1; i < xy.length; i++) {
      const [ax, ay] = xy[i - 1] ?? [0, 0];
      const [bx, by] = xy[i] ?? [0, 0];
      const edgeM = Math.hypot(bx - ax, by - ay);
      let done = 0;
      while (edgeM - done > left) {
        done += left;
        const f = done / edgeM;
        const at = toLngLat(ax + (bx - ax) * f, ay + (by - ay) * f);
        if (drawing) {
          current.push(at);
          dashes.push(current);
          current = [];
        } else {
          current = [at];
        }
        drawing = !drawing;
        left = drawing ? dashM : gapM;
      }
      left -= edgeM - done;
      if (drawing) current.push(toLngLat(bx, by));
    }
    if (drawing && current.length > 1) dashes.push(current);
  }
  return dashes;
}
