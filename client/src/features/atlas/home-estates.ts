/**
 * The estates the map frames on load and with "whole city".
 *
 * The extent of all estates is the wrong home: one import from another city stretches it over
 * hundreds of kilometres of empty land. The newest import layer is wrong too: a trial import of
 * another city's file would then move every planner's first view away from their own city. So home
 * is the district with the most estates — the city whose sub-districts, roads and facilities the
 * atlas draws. Only when no estate lies in a district (an atlas of imports outside the basemap) is
 * it the most recent import layer, and with neither, every estate.
 */
import type { EstateApiFeature } from '../../api';

/** The most frequent non-null key, the first one met on a tie; null when there is none. */
function mostFrequent(keys: readonly (string | number | null)[]): string | number | null {
  const counts = new Map<string | number, number>();
  let best: string | number | null = null;
  for (const key of keys) {
    if (key === null) continue;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (best === null || count > (counts.get(best) ?? 0)) best = key;
  }
  return best;
}

/**
 * @example homeEstates([...demoCity, ...helsinkiImport]) // the demo city's estates only
 */
export function homeEstates(estates: readonly EstateApiFeature[]): readonly EstateApiFeature[] {
  const district = mostFrequent(estates.map((f) => f.properties.districtCode));
  if (district !== null) return estates.filter((f) => f.properties.districtCode === district);
  const layerIds = estates.map((f) => f.properties.importLayerId).filter((id): id is number => id !== null);
  if (layerIds.length > 0) {
    const newest = layerIds.reduce((a, b) => Math.max(a, b));
    return estates.filter((f) => f.properties.importLayerId === newest);
  }
  return estates;
}
