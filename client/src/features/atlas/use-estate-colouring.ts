/** The estate colouring for the current store state, shared by the map and the legend. */
import { useMemo } from 'react';
import { useAtlasStore } from '../../state/atlas-store';
import { createEstateColouring, type EstateColouring } from '../../map/estate-colours';

export function useEstateColouring(): EstateColouring | null {
  const colourBy = useAtlasStore((s) => s.colourBy);
  const data = useAtlasStore((s) => s.data);
  const coverage = useAtlasStore((s) => (s.coverage.byEstate.size > 0 ? s.coverage.byEstate : null));
  const reachTypeId = useAtlasStore((s) => s.reachTypeId);
  const dashboard = useAtlasStore((s) => s.dashboard);
  const byEstate = useAtlasStore((s) => s.programmeByEstate);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  // Once per load, not per colouring.
  const estates = useMemo(() => data?.estates.features.map((f) => f.properties) ?? [], [data?.estates]);
  return useMemo(() => {
    if (!data) return null;
    return createEstateColouring(
      colourBy,
      estates,
      coverage,
      reachTypeId,
      dashboard ? { byEstate, byStage: dashboard.byStage, catalogue } : null,
      // With tiles the browser holds a few estates: ramps span the ledger's ranges instead.
      data.config.estateSource.kind === 'tiles' ? data.config.estateSource : null,
    );
  }, [colourBy, data, estates, coverage, reachTypeId, dashboard, byEstate, catalogue]);
}
