/**
 * While a zone boundary is edited, a draw surface (the estate editor's Terra Draw set-up, select
 * mode) holds the outline: drag a vertex, click a midpoint to add one, right-click to remove one.
 * The map gives up its pointer meanwhile. The adapter never sees the store: it only reports parts.
 */
import { memo, useEffect } from 'react';
import { buildSnapIndex } from '../../../../core/geometry/snap-to-estates';
import type { MapAdapter } from '../../map/map-adapter';
import { useAtlasStore } from '../../state/atlas-store';
import { useEditStore } from '../edit/edit-store';
import { useZoneBoundaryStore } from './zone-boundary-store';

const NO_SNAPPING = buildSnapIndex([]);

export const ZoneBoundaryLayer = memo(function ZoneBoundaryLayer({ atlas }: { atlas: MapAdapter }) {
  const zoneId = useZoneBoundaryStore((s) => s.edit?.zoneId ?? null);
  const shownZoneId = useAtlasStore((s) => (s.zonePanel === 'zone' ? s.selectedZoneId : null));
  const estateEditing = useEditStore((s) => s.session !== null);

  // One drawing at a time: an estate edit, or leaving the zone, ends the boundary edit.
  useEffect(() => {
    if (zoneId !== null && (shownZoneId !== zoneId || estateEditing)) useZoneBoundaryStore.getState().stop();
  }, [zoneId, shownZoneId, estateEditing]);

  useEffect(() => {
    const start = useZoneBoundaryStore.getState().edit;
    if (zoneId === null || !start) return;
    atlas.setInteractive(false);
    useAtlasStore.getState().setHovered(null);
    const { setParts } = useZoneBoundaryStore.getState();
    const surface = atlas.createDrawSurface({
      snapIndex: () => NO_SNAPPING,
      excludeEstateId: null,
      callbacks: { onLive: () => undefined, onCommit: setParts, onPolygonClosed: () => undefined },
    });
    surface.load(start.parts);
    surface.startSelecting();
    return () => {
      surface.destroy();
      atlas.setInteractive(true);
    };
  }, [atlas, zoneId]);

  return null;
});
