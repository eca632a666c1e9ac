/** The estate colouring for the current store state, shared by the map and the legend; and every colouring's tile rule, for a tiled map. */
import { useMemo } from 'react';
import { useAtlasStore } from '../../state/atlas-store';
import { createEstateColouring, type EstateColouring } from '../../map/estate-colours';
import type { TileColourRules } from '../../map/estate-tiles';
import { COLOUR_BY_OPTIONS, type ColourBy } from '../../map/map-types';

type ColouringFor = (colourBy: ColourBy) => EstateColouring;

/** A colouring of the store's estates for any choice; null before the data loads. */
function useColouringFor(): ColouringFor | null {
  const data = useAtlasStore((s) => s.data);
  const coverage = useAtlasStore((s) => (s.coverage.byEstate.size > 0 ? s.coverage.byEstate : null));
  const reachTypeId = useAtlasStore((s) => s.reachTypeId);
  const dashboard = useAtlasStore((s) => s.dashboard);
  const byEstate = useAtlasStore((s) => s.programmeByEstate);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  return useMemo(() => {
    if (!data) return null;
    const estates = data.estates.features.map((f) => f.properties);
    const subdistricts = data.subdistricts.features.map((f) => ({ code: f.properties.code, name: f.properties.name }));
    const programme = dashboard ? { byEstate, byStage: dashboard.byStage, catalogue } : null;
    // With tiles the browser holds a few estates: ramps span the ledger's ranges instead.
    const ledgerRanges = data.config.estateSource.kind === 'tiles' ? data.config.estateSource : null;
    return (colourBy) => createEstateColouring(colourBy, estates, subdistricts, coverage, reachTypeId, programme, ledgerRanges);
  }, [data, coverage, reachTypeId, dashboard, byEstate, catalogue]);
}

export function useEstateColouring(): EstateColouring | null {
  const colourBy = useAtlasStore((s) => s.colourBy);
  const colouringFor = useColouringFor();
  return useMemo(() => colouringFor?.(colourBy) ?? null, [colouringFor, colourBy]);
}

/** Every colouring's rule over the tiles' attributes for a city drawn from tiles (null otherwise); not remade when the choice changes. */
export function useTileColourRules(): TileColourRules | null {
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  const colouringFor = useColouringFor();
  return useMemo(
    () => (tiled && colouringFor ? new Map(COLOUR_BY_OPTIONS.map((colourBy) => [colourBy, colouringFor(colourBy).tileRule])) : null),
    [tiled, colouringFor],
  );
}
