/** Totals of a set of estates: the figures of the summary strip and the ledger's totals row. */
import type { EstateSummary } from './api-contract.js';
import type { EstateProperties } from './estate.js';

/** The fields the totals read; any estate record (API, import row, store) has them. */
export type TotalledProperties = Pick<EstateProperties, 'households' | 'floorAreaM2' | 'buildings' | 'landAreaM2' | 'eligible' | 'urgent'>;

/** A missing figure adds nothing (a sum must not turn into NaN). */
function add(total: number, value: number | null | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? total + value : total;
}

/**
 * Sums and counts over estates, as GET /api/summary computes them in SQL (land area rounded to
 * whole m²), so the client can update the summary from its own estates after a write.
 * @example estateTotals([{ households: 120, floorAreaM2: 8000, buildings: 3, landAreaM2: 5000.4, eligible: true, urgent: false }])
 * // { estates: 1, households: 120, floorAreaM2: 8000, buildings: 3, landAreaM2: 5000, eligible: 1, urgent: 0 }
 */
export function estateTotals(properties: readonly TotalledProperties[]): EstateSummary {
  const totals: EstateSummary = { estates: properties.length, households: 0, floorAreaM2: 0, buildings: 0, landAreaM2: 0, eligible: 0, urgent: 0 };
  for (const p of properties) {
    totals.households = add(totals.households, p.households);
    totals.floorAreaM2 = add(totals.floorAreaM2, p.floorAreaM2);
    totals.buildings = add(totals.buildings, p.buildings);
    totals.landAreaM2 = add(totals.landAreaM2, p.landAreaM2);
    if (p.eligible) totals.eligible += 1;
    if (p.urgent) totals.urgent += 1;
  }
  totals.landAreaM2 = Math.round(totals.landAreaM2);
  return totals;
}
