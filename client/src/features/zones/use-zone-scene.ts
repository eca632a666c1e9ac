/** The zone part of the map scene, from the store: outlines and labels, picked estates, links, suggestions. */
import { useMemo } from 'react';
import { polygonLabelPoint } from '../../../../core/geometry/label-points';
import type { ZoneScene } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';

export function useZoneScene(): ZoneScene {
  const zones = useAtlasStore((s) => s.zones);
  const selectedZoneId = useAtlasStore((s) => s.selectedZoneId);
  const links = useAtlasStore((s) => s.zoneLinks);
  const pickedIds = useAtlasStore((s) => s.pickedEstateIds);
  const suggestions = useAtlasStore((s) => s.suggestions);
  const focusedSuggestion = useAtlasStore((s) => s.focusedSuggestion);

  const list = useMemo(() => zones ?? [], [zones]);
  const labels = useMemo(() => list.map((z) => ({ text: z.properties.name, position: polygonLabelPoint(z.geometry) })), [list]);
  const picked = useMemo(() => ({ ids: new Set(pickedIds), key: pickedIds.join(',') }), [pickedIds]);
  return useMemo(
    () => ({ zones: list, labels, selectedZoneId, links, picked, suggestions, focusedSuggestion }),
    [list, labels, selectedZoneId, links, picked, suggestions, focusedSuggestion],
  );
}
