/**
 * The summary strip's and the ledger's figures: computed in the browser over the filtered estates
 * (core/estate-totals.ts), or, when the map draws a large city from tiles and the browser holds only
 * the estates opened, the server's totals over the estates the atlas filter passes (GET /api/summary),
 * asked for once by SummarySync and kept in the store for every reader.
 */
import { useEffect, useMemo } from 'react';
import { estateTotals } from '../../../../core/estate-totals';
import { fetchSummary, isAbortError, type Summary } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useFilteredEstates } from '../../state/use-filtered-estates';

export function useSummaryFigures(): Summary | null {
  const data = useAtlasStore((s) => s.data);
  const serverSummary = useAtlasStore((s) => s.serverSummary);
  const tiled = data?.config.estateSource.kind === 'tiles';
  const { filtered } = useFilteredEstates();
  const local = useMemo(() => (data && !tiled ? estateTotals(filtered.map((f) => f.properties)) : null), [data, tiled, filtered]);
  return tiled ? serverSummary : local;
}

/**
 * Asks the server for a tiled city's totals when the filter or an estate changes; draws nothing.
 * Not on a progress entry: the totals are of ledger fields, which no stage moves.
 */
export function SummarySync(): null {
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  const filter = useAtlasStore((s) => s.filter);
  // An estate write here or announced from elsewhere (an estate a tiled city merely opened is not one).
  const estateWrites = useAtlasStore((s) => s.estateWrites);
  useEffect(() => {
    if (!tiled) return;
    const controller = new AbortController();
    const { summaryLoaded } = useAtlasStore.getState();
    fetchSummary({ ...filter, yearFrom: filter.yearFrom ?? undefined, yearTo: filter.yearTo ?? undefined }, controller.signal)
      .then(summaryLoaded)
      .catch((error: unknown) => {
        if (!isAbortError(error)) summaryLoaded(null);
      });
    return () => controller.abort();
  }, [tiled, estateWrites, filter]);
  return null;
}
