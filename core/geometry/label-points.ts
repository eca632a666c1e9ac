/** Where text labels go: pure geometry on GeoJSON, no map library involved. */
import { along, bbox, distance, length, pointOnFeature } from '@turf/turf';
import type { BBox, Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLat } from './lng-lat.js';

export interface LineLabel {
  text: string;
  position: LngLat;
  /** Degrees counter-clockwise from east, kept within ±90 so text never reads upside down. */
  angleDeg: number;
}

export interface PointLabel {
  text: string;
  position: LngLat;
  /** The zoom from which the label is drawn (its shape then holds it); absent: at every zoom. */
  minZoom?: number;
}

/**
 * The zoom from which a shape `widthDeg` degrees of longitude wide spans `px` screen pixels, in
 * MapLibre's 512-pixel world at zoom 0 (a degree of longitude spans the same at every latitude).
 * @example zoomSpanningPx(360, 512) // 0
 */
export function zoomSpanningPx(widthDeg: number, px: number): number {
  return widthDeg > 0 ? Math.log2((px * 360) / (512 * widthDeg)) : Infinity;
}

/**
 * About how wide `text` is drawn at `sizePx`: a CJK character one em, any other about 0.6 em.
 * @example labelWidthPx('和平街道', 16) // 64
 */
export function labelWidthPx(text: string, sizePx: number): number {
  let ems = 0;
  for (const character of text) ems += character.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return ems * sizePx;
}

/**
 * A polygon's label, drawn from the zoom where the polygon is as wide as its name (`widthPx`): a
 * province's thousands of sub-districts are not all named at once, on top of each other.
 */
export function polygonLabel(text: string, geometry: Polygon | MultiPolygon, widthPx: number): PointLabel {
  return placedLabel(text, polygonLabelPoint(geometry), bbox(geometry), widthPx);
}

/**
 * `polygonLabel` for a polygon known by its label point and box (a sub-district listed without its
 * outline); with no box, drawn at every zoom.
 */
export function placedLabel(text: string, position: LngLat, box: BBox | undefined, widthPx: number): PointLabel {
  if (!box) return { text, position };
  const [minLng = 0, , maxLng = 0] = box;
  return { text, position, minZoom: zoomSpanningPx(maxLng - minLng, widthPx) };
}

/**
 * The labels drawn at `zoom`.
 * @example labelsAt([{ text: 'a', position: [0, 0], minZoom: 12 }], 11) // []
 */
export function labelsAt<L extends PointLabel>(labels: readonly L[], zoom: number): L[] {
  return labels.filter((label) => label.minZoom === undefined || label.minZoom <= zoom);
}

/**
 * A point guaranteed inside the polygon (its centroid when that is inside).
 * @example polygonLabelPoint({ type: 'Polygon', coordinates: [square] }) // [109.4105, 24.3105]
 */
export function polygonLabelPoint(geometry: Polygon | MultiPolygon): LngLat {
  const point = pointOnFeature({ type: 'Feature', geometry, properties: {} });
  const [lng = 0, lat = 0] = point.geometry.coordinates;
  return [lng, lat];
}

/**
 * On-screen angle of a short segment in Web Mercator, where north-south distances grow by 1/cos(lat).
 * @example segmentAngleDeg([109.4, 24.3], [109.41, 24.3]) // 0
 */
export function segmentAngleDeg(a: Position, b: Position): number {
  const [lng1 = 0, lat1 = 0] = a;
  const [lng2 = 0, lat2 = 0] = b;
  const midLatRad = (((lat1 + lat2) / 2) * Math.PI) / 180;
  const dx = lng2 - lng1;
  const dy = (lat2 - lat1) / Math.cos(midLatRad);
  let angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (angle > 90) angle -= 180;
  if (angle <= -90) angle += 180;
  return angle;
}

function longestPart(geometry: LineString | MultiLineString): Position[] {
  if (geometry.type === 'LineString') return geometry.coordinates;
  let best: Position[] = [];
  let bestLength = -1;
  for (const part of geometry.coordinates) {
    if (part.length < 2) continue;
    const l = length({ type: 'Feature', geometry: { type: 'LineString', coordinates: part }, properties: {} });
    if (l > bestLength) {
      best = part;
      bestLength = l;
    }
  }
  return best;
}

/**
 * Label at the middle of a line, along the segment there; null for a line too short to carry text.
 * @example lineMidLabel('解放路', line) // { text: '解放路', position: [109.41, 24.31], angleDeg: 0 }
 */
export function lineMidLabel(text: string, geometry: LineString | MultiLineString, minLengthM = 120): LineLabel | null {
  const coords = longestPart(geometry);
  if (coords.length < 2) return null;
  const line: Feature<LineString> = { type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: {} };
  const totalKm = length(line);
  if (totalKm * 1000 < minLengthM) return null;
  const mid = along(line, totalKm / 2);
  const before = along(line, Math.max(0, totalKm / 2 - 0.02));
  const after = along(line, Math.min(totalKm, totalKm / 2 + 0.02));
  const [lng = 0, lat = 0] = mid.geometry.coordinates;
  return { text, position: [lng, lat], angleDeg: segmentAngleDeg(before.geometry.coordinates, after.geometry.coordinates) };
}

/**
 * One label per named road piece, skipping a label when the same name is already placed within
 * minSpacingM (road networks split one street into many pieces).
 * @example roadLabels(roads.features).length // one per street, not one per piece
 */
export function roadLabels(roads: readonly Feature<LineString | MultiLineString, { name: string }>[], minSpacingM = 450): LineLabel[] {
  const placed = new Map<string, LngLat[]>();
  const labels: LineLabel[] = [];
  for (const road of roads) {
    const name = road.properties.name?.trim();
    if (!name) continue;
    const label = lineMidLabel(name, road.geometry);
    if (!label) continue;
    const others = placed.get(name) ?? [];
    if (others.some((p) => distance(p, label.position) * 1000 < minSpacingM)) continue;
    others.push(label.position);
    placed.set(name, others);
    labels.push(label);
  }
  return labels;
}
