/** The estates that pass the atlas filter, shared by the summary strip, the ledger and the export. */
import { useMemo } from 'react';
import type { EstateApiFeature } from '../api';
import { filterEstates } from './atlas-filter';
import { useAtlasStore } from './atlas-store';

const NO_ESTATES: readonly EstateApiFeature[] = [];

export function useFilteredEstates(): { all: readonly EstateApiFeature[]; filtered: readonly EstateApiFeature[] } {
  const all = useAtlasStore((s) => s.data?.estates.features ?? NO_ESTATES);
  const filter = useAtlasStore((s) => s.filter);
  const filtered = useMemo(() => filterEstates(all, filter), [all, filter]);
  return { all, filtered };
}
