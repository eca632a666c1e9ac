/** The selected estate's life-circle overlay for the map, from the computed coverage in the store. */
import { useMemo } from 'react';
import type { CoverageOverlay } from '../../map/map-types';
import { useAtlasStore } from '../../state/atlas-store';
import { coverageOverlay } from './coverage-overlay';

export function useCoverageOverlay(): CoverageOverlay | null {
  const selectedId = useAtlasStore((s) => s.selectedEstateId);
  const data = useAtlasStore((s) => s.data);
  const coverage = useAtlasStore((s) => s.coverage);
  return useMemo(() => {
    if (selectedId === null || !data || coverage.status !== 'ready') return null;
    const estate = data.estates.features.find((f) => f.id === selectedId);
    const result = coverage.byEstate.get(selectedId);
    if (!estate || !result) return null;
    return coverageOverlay(estate, result, data.facilities, coverage.gatesByEstate.get(selectedId) ?? []);
  }, [selectedId, data, coverage]);
}
