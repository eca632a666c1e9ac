/**
 * In a city drawn from tiles, loads the facilities and roads of the areas held-areas.ts names (the
 * view when zoomed in, the surroundings of the opened estate) into the store, one area at a time.
 */
import { bbox as turfBbox } from '@turf/turf';
import { App as AntApp } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bbox } from '../../../../core/geometry/bbox';
import { fetchFacilities, fetchRoads, isAbortError } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { estateWant, facilitySearchM, nextHeldArea, viewWant } from './held-areas';

export function useHeldAreas(): void {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const areas = useAtlasStore((s) => s.heldAreas);
  // Only a city drawn from tiles holds areas; the others need no re-render per move.
  const viewport = useAtlasStore((s) => (s.heldAreas === null ? null : s.mapViewport));
  const estate = useAtlasStore((s) =>
    s.selectedEstateId === null ? undefined : s.data?.estates.features.find((f) => f.id === s.selectedEstateId),
  );
  const types = useAtlasStore((s) => s.coverage.types);
  const searchM = useMemo(() => facilitySearchM(types.map((type) => type.radiusM)), [types]);
  // The estate's own extent; its geometry object changes only when the estate is saved.
  const estateBbox = useMemo(() => (estate ? (turfBbox(estate).slice(0, 4) as Bbox) : null), [estate]);

  useEffect(() => {
    if (areas === null) return;
    const area = nextHeldArea([estateBbox && estateWant(estateBbox, searchM), viewport && viewWant(viewport)], areas);
    if (!area) return;
    const controller = new AbortController();
    Promise.all([fetchFacilities({ bbox: area }, controller.signal), fetchRoads({ bbox: area }, controller.signal)])
      .then(([facilities, roads]) => useAtlasStore.getState().areaMerged(area, { facilities, roads }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) void message.error(t('status.facilitiesFailed'));
      });
    return () => controller.abort();
  }, [areas, estateBbox, searchM, viewport, message, t]);
}
