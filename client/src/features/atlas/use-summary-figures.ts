/**
 * The summary strip's figures: computed in the browser over the filtered estates (core/estate-totals.ts),
 * or, when the map draws a large city from tiles and the browser holds only the estates opened,
 * the server's totals over the estates the atlas filter passes (GET /api/summary).
 */
import { useEffect, useMemo, useState } from 'react';
import { estateTotals } from '../../../../core/estate-totals';
import { fetchSummary, type Summary } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useFilteredEstates } from '../../state/use-filtered-estates';

export function useSummaryFigures(): Summary | null {
  const data = useAtlasStore((s) => s.data);
  const revision = useAtlasStore((s) => s.programmeRevision);
  const filter = useAtlasStore((s) => s.filter);
  const tiled = data?.config.estateSource.kind === 'tiles';
  const { filtered } = useFilteredEstates();
  const local = useMemo(() => (data && !tiled ? estateTotals(filtered.map((f) => f.properties)) : null), [data, tiled, filtered]);
  const [remote, setRemote] = useState<Summary | null>(null);
  // An estate write may change the totals (an estate a tiled city merely opened does not).
  const estateWrites = useAtlasStore((s) => s.estateWrites);
  useEffect(() => {
    if (!tiled) return;
    const controller = new AbortController();
    fetchSummary({ ...filter, yearFrom: filter.yearFrom ?? undefined, yearTo: filter.yearTo ?? undefined }, controller.signal)
      .then(setRemote)
      .catch(() => setRemote(null));
    return () => controller.abort();
  }, [tiled, estateWrites, revision, filter]);
  return tiled ? remote : local;
}
