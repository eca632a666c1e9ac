/**
 * The deliberately under-served sub-districts: per district, the southernmost and the easternmost
 * sub-district go without some facility types, so that coverage analysis has gaps to find.
 */
import type { FacilityTypeId } from '../core/facility-catalogue.js';
import type { AdminUnit, AdminUnits } from './admin-units.js';
import type { UnderServedArea } from './demo-city-types.js';
import type { EstateDraft } from './estate-sites.js';

export interface UnderServedOptions {
  /** Facility types the southernmost sub-district of each district lacks. */
  south: readonly FacilityTypeId[];
  /** Facility types the easternmost (other) sub-district of each district lacks. */
  east: readonly FacilityTypeId[];
  /** Districts with fewer sub-districts of at least `minEstates` estates get no gaps. */
  minSubdistricts: number;
  /** Sub-districts with fewer estates are never chosen. */
  minEstates: number;
}

export const DEFAULT_UNDER_SERVED_OPTIONS: Readonly<UnderServedOptions> = {
  south: ['fresh_market', 'elderly_daycare'],
  east: ['kindergarten', 'elderly_daycare'],
  minSubdistricts: 3,
  minEstates: 3,
};

export interface UnderServed {
  /** In the order of manifest.json. */
  areas: UnderServedArea[];
  /** For each lacking facility type, the indices of the sub-districts that lack it. */
  byType: Map<FacilityTypeId, Set<number>>;
}

/**
 * Stage (no randomness): the under-served sub-districts of the city.
 * @example chooseUnderServed(layout.drafts, units).areas.map((a) => a.subdistrictCode) // ['450202004', '450202007']
 */
export function chooseUnderServed(
  drafts: readonly EstateDraft[],
  units: AdminUnits,
  options: UnderServedOptions = DEFAULT_UNDER_SERVED_OPTIONS,
): UnderServed {
  const { districts, subdistricts, cellSubdistrict } = units;
  const estatesBySub: EstateDraft[][] = subdistricts.map(() => []);
  for (const d of drafts) estatesBySub[cellSubdistrict[d.cell] ?? 0]?.push(d);
  const byType = new Map<FacilityTypeId, Set<number>>();
  const areas: UnderServedArea[] = [];
  districts.forEach((_, d) => {
    const subs = subdistricts
      .map((u, k) => ({ u, k }))
      .filter(({ u, k }) => u.parent === d && (estatesBySub[k]?.length ?? 0) >= options.minEstates);
    if (subs.length < options.minSubdistricts) return;
    const mean = (k: number, axis: 0 | 1): number => {
      const list = estatesBySub[k] ?? [];
      return list.reduce((sum, e) => sum + e.centroid[axis], 0) / list.length;
    };
    const south = subs.slice().sort((a, b) => mean(a.k, 1) - mean(b.k, 1))[0];
    const east = subs.filter((s) => s !== south).sort((a, b) => mean(b.k, 0) - mean(a.k, 0))[0];
    for (const [entry, lacks] of [
      [south, options.south],
      [east, options.east],
    ] as const) {
      if (entry === undefined) continue;
      const sub = subdistricts[entry.k] as AdminUnit;
      areas.push({ subdistrictCode: sub.code, subdistrictName: sub.name, lacks: [...lacks] });
      for (const type of lacks) {
        const set = byType.get(type) ?? new Set<number>();
        set.add(entry.k);
        byType.set(type, set);
      }
    }
  });
  return { areas, byType };
}
