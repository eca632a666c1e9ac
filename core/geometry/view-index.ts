/**
 * Which of many areas a map view shows, nearest its centre first: for a legend that names what is
 * in sight when a province has ten thousand sub-districts. The areas' boxes are scanned (12 000
 * box tests take well under a millisecond, once per camera move); an area whose box only crosses
 * the view's edge counts when its outline, if known, meets the view.
 */
import { booleanIntersects, bboxPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { bboxContains, type Bbox } from './bbox.js';

export interface ViewArea<T> {
  value: T;
  bbox: Bbox;
  /** The outline, when known; without it the box stands for the area. */
  outline: Polygon | MultiPolygon | null;
}

export interface AreasInView<T> {
  /** Up to the limit asked for, nearest the view's centre first. */
  nearest: T[];
  /** How many areas the view shows in all. */
  count: number;
}

export interface ViewIndex<T> {
  /** The areas `view` shows, the `limit` nearest its centre. */
  inView(view: Bbox, limit: number): AreasInView<T>;
}

function boxesMeet(a: Readonly<Bbox>, b: Readonly<Bbox>): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/**
 * Holds areas for the question of which a view shows.
 * @example viewIndex([{ value: 'a', bbox: [0, 0, 1, 1], outline: null }]).inView([0.5, 0.5, 2, 2], 5) // { nearest: ['a'], count: 1 }
 */
export function viewIndex<T>(areas: readonly ViewArea<T>[]): ViewIndex<T> {
  return {
    inView(view, limit) {
      let viewShape: Polygon | null = null;
      const shown: number[] = [];
      areas.forEach((area, i) => {
        if (!boxesMeet(view, area.bbox)) return;
        if (area.outline && !bboxContains(view, area.bbox)) {
          viewShape ??= bboxPolygon(view).geometry;
          if (!booleanIntersects(area.outline, viewShape)) return;
        }
        shown.push(i);
      });
      const centreLng = (view[0] + view[2]) / 2;
      const centreLat = (view[1] + view[3]) / 2;
      // Degrees of longitude shrink with latitude; the order needs no more than that.
      const lngScale = Math.cos((centreLat * Math.PI) / 180);
      const distance = (i: number): number => {
        const [minLng, minLat, maxLng, maxLat] = areas[i]!.bbox;
        return Math.hypot(((minLng + maxLng) / 2 - centreLng) * lngScale, (minLat + maxLat) / 2 - centreLat);
      };
      const nearest = shown
        .map((i) => ({ i, d: distance(i) }))
        .sort((a, b) => a.d - b.d || a.i - b.i)
        .slice(0, limit)
        .map(({ i }) => areas[i]!.value);
      return { nearest, count: shown.length };
    },
  };
}
