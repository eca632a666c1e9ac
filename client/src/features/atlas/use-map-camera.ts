/**
 * Camera moves the store asks for: a flight requested by the ledger, the import or the map's own
 * view buttons; revealing the selected estate beside its panel; and framing the sub-districts of
 * the filter (or the home estates when the filter names none).
 */
import { useEffect, useRef } from 'react';
import type { EstateApiFeature, SubdistrictCollection } from '../../api';
import type { MapAdapter } from '../../map/map-adapter';
import { useAtlasStore } from '../../state/atlas-store';
import { homeEstates } from './home-estates';

export interface MapCameraInput {
  estates: readonly EstateApiFeature[];
  subdistricts: SubdistrictCollection;
  /** Width of the estate panel over the map's right side, kept clear when revealing an estate. */
  panelWidthPx: number;
}

export function useMapCamera(atlas: MapAdapter | null, { estates, subdistricts, panelWidthPx }: MapCameraInput): void {
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const flyTo = useAtlasStore((s) => s.flyTo);
  const subdistrictCodes = useAtlasStore((s) => s.filter.subdistrictCodes);

  useEffect(() => {
    const estate = selectedEstateId === null ? undefined : estates.find((f) => f.id === selectedEstateId);
    if (atlas && estate) atlas.reveal(estate, panelWidthPx);
  }, [atlas, selectedEstateId, estates, panelWidthPx]);

  const flownSeq = useRef(0);
  useEffect(() => {
    // Each request flies once; a reloaded collection or a new map must not repeat an old one.
    if (!atlas || !flyTo || flyTo.seq === flownSeq.current) return;
    const ids = new Set(flyTo.estateIds);
    const targets = flyTo.features ?? estates.filter((f) => ids.has(f.id));
    if (targets.length === 0) return;
    flownSeq.current = flyTo.seq;
    atlas.flyTo(targets, flyTo.coveredRightPx ?? (targets.length === 1 ? panelWidthPx : 0));
  }, [atlas, flyTo, estates, panelWidthPx]);

  // Frame the chosen sub-districts' boundaries when the choice changes, not on first draw.
  const codesKey = subdistrictCodes.join(',');
  const lastKey = useRef(codesKey);
  useEffect(() => {
    if (!atlas) return;
    const codes = codesKey === '' ? [] : codesKey.split(',');
    atlas.setSelectedSubdistrict(codes.length === 1 ? (codes[0] ?? null) : null);
    if (lastKey.current === codesKey) return;
    lastKey.current = codesKey;
    const chosen = subdistricts.features.filter((f) => codes.includes(f.properties.code));
    if (chosen.length > 0) atlas.flyTo(chosen, 0);
    else atlas.fitTo(homeEstates(estates));
  }, [atlas, codesKey, subdistricts, estates]);
}
