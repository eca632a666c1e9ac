/** The selected estate's life-circle overlay for the map, from the computed coverage in the store. */
import type { Position } from 'geojson';
import { useDeferredValue, useMemo } from 'react';
import { buildRoadGraph } from '../../../../core/network/road-graph';
import type { CoverageOverlay } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';
import { coverageOverlay } from './coverage-overlay';
import { roadLinesOf } from './road-lines';

export function useCoverageOverlay(): CoverageOverlay | null {
  // Deferred: the estate panel opens at once, the walkshed and routes follow in the next render.
  const selectedId = useDeferredValue(useAtlasStore((s) => s.selectedEstateId));
  const data = useAtlasStore((s) => s.data);
  const coverage = useAtlasStore((s) => s.coverage);
  const virtualFacilities = useAtlasStore((s) => s.virtualFacilities);
  const roads = data?.roads;
  // The graph of the roads in the store, built once (the worker builds its own for the whole city).
  const graph = useMemo(() => (roads ? buildRoadGraph(roadLinesOf(roads)) : null), [roads]);
  return useMemo(() => {
    const virtual = virtualFacilities.map((f): Position => [f.lng, f.lat]);
    // Without a selected estate the what-if facilities are still drawn.
    const virtualOnly: CoverageOverlay | null =
      virtual.length > 0 ? { estateId: null, rings: [], walksheds: [], lines: [], gates: [], virtualFacilities: virtual } : null;
    if (selectedId === null || !data || coverage.byEstate.size === 0) return virtualOnly;
    const estate = data.estates.features.find((f) => f.id === selectedId);
    const result = coverage.byEstate.get(selectedId);
    if (!estate || !result) return virtualOnly;
    const stored = data.facilities.features;
    const facilityAt = (i: number) => {
      const virtual = virtualFacilities[i - stored.length];
      return i < stored.length ? stored[i]?.geometry.coordinates : virtual && [virtual.lng, virtual.lat];
    };
    const gates = coverage.gatesByEstate.get(selectedId) ?? [];
    const overlay = coverageOverlay(estate, result, facilityAt, gates, coverage.model === 'network' ? graph : null);
    return { ...overlay, virtualFacilities: virtual };
  }, [selectedId, data, coverage, graph, virtualFacilities]);
}
