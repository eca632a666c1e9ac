/**
 * The sub-districts the map shows, for the legend of the sub-district colouring: a province has
 * ten thousand, so the legend names those in view, nearest the centre first.
 */
import { bbox as turfBbox } from '@turf/turf';
import { useMemo } from 'react';
import type { Bbox } from '../../../../core/geometry/bbox';
import { viewIndex, type AreasInView, type ViewArea } from '../../../../core/geometry/view-index';
import type { EstateApiFeature, SubdistrictCollection } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

export interface SubdistrictName {
  code: string;
  name: string;
}

/** As many as the palette has colours: past ten, colours repeat and a name says less. */
export const SUBDISTRICTS_IN_LEGEND = 10;

const WORLD: Bbox = [-180, -90, 180, 90];

function unionBbox(a: Bbox | undefined, b: Bbox): Bbox {
  return a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b;
}

/**
 * The sub-districts that hold estates, as areas: each boundary (its box alone when the list came
 * without outlines), and a code estates name that no boundary has, over the box of those estates.
 */
export function subdistrictAreas(subdistricts: SubdistrictCollection, estates: readonly EstateApiFeature[]): ViewArea<SubdistrictName>[] {
  const areas: ViewArea<SubdistrictName>[] = [];
  const bounded = new Set<string>();
  for (const f of subdistricts.features) {
    bounded.add(f.properties.code);
    const box = f.bbox ?? (f.geometry ? turfBbox(f.geometry) : undefined);
    if (f.properties.estates === 0 || !box) continue;
    areas.push({ value: { code: f.properties.code, name: f.properties.name }, bbox: box.slice(0, 4) as Bbox, outline: f.geometry });
  }
  const unbounded = new Map<string, { name: string; bbox: Bbox }>();
  for (const f of estates) {
    const code = f.properties.subdistrictCode;
    if (code === null || bounded.has(code)) continue;
    const known = unbounded.get(code);
    unbounded.set(code, {
      name: known?.name ?? f.properties.subdistrict ?? code,
      bbox: unionBbox(known?.bbox, turfBbox(f).slice(0, 4) as Bbox),
    });
  }
  for (const [code, { name, bbox }] of unbounded) areas.push({ value: { code, name }, bbox, outline: null });
  return areas;
}

/** The sub-districts in the map's view (the whole city before the map has drawn). */
export function useSubdistrictsInView(): AreasInView<SubdistrictName> {
  const subdistricts = useAtlasStore((s) => s.data?.subdistricts);
  const estates = useAtlasStore((s) => s.data?.estates.features);
  const view = useAtlasStore((s) => s.mapViewport?.bbox ?? WORLD);
  const index = useMemo(() => viewIndex(subdistricts ? subdistrictAreas(subdistricts, estates ?? []) : []), [subdistricts, estates]);
  return useMemo(() => index.inView(view, SUBDISTRICTS_IN_LEGEND), [index, view]);
}
