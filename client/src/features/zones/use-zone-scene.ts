/** The zone part of the map scene, from the store: outlines and labels, picked estates, links, suggestions. */
import { useMemo } from 'react';
import { polygonLabelPoint } from '../../../../core/geometry/label-points';
import type { ZoneScene } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';
import { stageColour } from '../../map/estate-colours';
import { DEFAULT_STAGE } from '../../../../core/programme/stages';

export function useZoneScene(): ZoneScene {
  const zones = useAtlasStore((s) => s.zones);
  const selectedZoneId = useAtlasStore((s) => s.selectedZoneId);
  const links = useAtlasStore((s) => s.zoneLinks);
  const pickedIds = useAtlasStore((s) => s.pickedEstateIds);
  const suggestions = useAtlasStore((s) => s.suggestions);
  const focusedSuggestion = useAtlasStore((s) => s.focusedSuggestion);
  const byStage = useAtlasStore((s) => s.colourBy === 'stage');
  const programmeByEstate = useAtlasStore((s) => s.programmeByEstate);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);

  const list = useMemo(() => zones ?? [], [zones]);
  const labels = useMemo(() => list.map((z) => ({ text: z.properties.name, position: polygonLabelPoint(z.geometry) })), [list]);
  const picked = useMemo(() => ({ ids: new Set(pickedIds), key: pickedIds.join(',') }), [pickedIds]);
  const outlineColours = useMemo(() => {
    if (!byStage || programmeByEstate.size === 0) return null;
    const byZone = new Map(
      list.map((z) => {
        const stage = catalogue.leastAdvanced(z.properties.estateIds.map((id) => programmeByEstate.get(id)?.stage ?? DEFAULT_STAGE));
        return [z.properties.id, stageColour(catalogue, stage)] as const;
      }),
    );
    return { byZone, key: [...byZone.values()].map((c) => c.join('.')).join(',') };
  }, [byStage, programmeByEstate, list, catalogue]);
  return useMemo(
    () => ({ zones: list, labels, selectedZoneId, links, picked, suggestions, focusedSuggestion, outlineColours }),
    [list, labels, selectedZoneId, links, picked, suggestions, focusedSuggestion, outlineColours],
  );
}
