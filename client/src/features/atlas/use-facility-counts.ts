/**
 * How many facilities of each type the legend shows: counted in the store's collection, or, in a
 * city whose facilities load by area (use-held-areas.ts), asked of the server after each write.
 */
import { useEffect, useMemo, useState } from 'react';
import { fetchFacilityCounts, isAbortError } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

export function useFacilityCounts(): ReadonlyMap<string, number> {
  const facilities = useAtlasStore((s) => s.data?.facilities);
  const byArea = useAtlasStore((s) => s.heldAreas !== null);
  const writes = useAtlasStore((s) => s.facilityWrites);
  const [served, setServed] = useState<ReadonlyMap<string, number> | null>(null);

  useEffect(() => {
    if (!byArea) return;
    const controller = new AbortController();
    fetchFacilityCounts(controller.signal)
      .then((counts) => setServed(new Map(Object.entries(counts.byType))))
      // On failure the legend keeps its last counts; the map and the panels say when the server is gone.
      .catch((error: unknown) => void isAbortError(error));
    return () => controller.abort();
  }, [byArea, writes]);

  const held = useMemo(() => {
    const byType = new Map<string, number>();
    if (byArea) return byType;
    for (const f of facilities?.features ?? []) byType.set(f.properties.type, (byType.get(f.properties.type) ?? 0) + 1);
    return byType;
  }, [facilities, byArea]);

  return byArea ? (served ?? NO_COUNTS) : held;
}
