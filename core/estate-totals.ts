/** Totals of a set of estates: the figures of the summary strip and the ledger's totals row. */
import { SUMMED_FIELDS, type EstateSummary } from './contract/index.js';
import type { EstateProperties } from './estate.js';

/** The fields the totals read; any estate record (API, import row, store) has them. */
export type TotalledProperties = Pick<EstateProperties, 'households' | 'floorAreaM2' | 'buildings' | 'landAreaM2' | 'eligible' | 'urgent'>;

/**
 * Sums over the known values and counts of the unknown ones, as GET /api/summary computes them
 * in SQL (land area rounded to whole m²), so the client can update the summary from its own
 * estates after a write. An unknown value is left out of its sum, never counted as 0.
 * @example estateTotals([{ households: 120, floorAreaM2: null, buildings: 3, landAreaM2: 5000.4, eligible: true, urgent: false }])
 * // { estates: 1, households: 120, floorAreaM2: 0, buildings: 3, landAreaM2: 5000, eligible: 1, urgent: 0, unknown: { households: 0, floorAreaM2: 1, buildings: 0 } }
 */
export function estateTotals(properties: readonly TotalledProperties[]): EstateSummary {
  const totals: EstateSummary = {
    estates: properties.length,
    households: 0,
    floorAreaM2: 0,
    buildings: 0,
    landAreaM2: 0,
    eligible: 0,
    urgent: 0,
    unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
  };
  for (const p of properties) {
    for (const key of SUMMED_FIELDS) {
      const value = p[key];
      if (typeof value === 'number' && Number.isFinite(value)) totals[key] += value;
      else totals.unknown[key] += 1;
    }
    totals.landAreaM2 += p.landAreaM2;
    if (p.eligible) totals.eligible += 1;
    if (p.urgent) totals.urgent += 1;
  }
  totals.landAreaM2 = Math.round(totals.landAreaM2);
  return totals;
}
