import { describe, expect, it } from 'vitest';
import { estateTotals, type TotalledProperties } from '../../core/estate-totals';

function estate(overrides: Partial<TotalledProperties> = {}): TotalledProperties {
  return { households: 100, floorAreaM2: 5000, buildings: 2, landAreaM2: 3000, eligible: false, urgent: false, ...overrides };
}

describe('estateTotals', () => {
  it('sums the figures and counts eligible and urgent estates, as the summary does', () => {
    const totals = estateTotals([estate({ eligible: true }), estate({ eligible: true, urgent: true, households: 20, floorAreaM2: 250.5 })]);
    expect(totals).toEqual({
      estates: 2,
      households: 120,
      floorAreaM2: 5250.5,
      buildings: 4,
      landAreaM2: 6000,
      eligible: 2,
      urgent: 1,
      unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
    });
  });

  it('leaves unknown values out of the sums and counts them, never adding a 0 for them', () => {
    const totals = estateTotals([estate({ households: null }), estate({ households: 30, floorAreaM2: null, buildings: null })]);
    expect(totals.households).toBe(30);
    expect(totals.floorAreaM2).toBe(5000);
    expect(totals.unknown).toEqual({ households: 1, floorAreaM2: 1, buildings: 1 });
  });

  it('rounds the land area to whole square metres like GET /api/summary', () => {
    expect(estateTotals([estate({ landAreaM2: 1000.4 }), estate({ landAreaM2: 1000.4 })]).landAreaM2).toBe(2001);
  });

  it('answers zeros for no estates', () => {
    expect(estateTotals([])).toEqual({
      estates: 0,
      households: 0,
      floorAreaM2: 0,
      buildings: 0,
      landAreaM2: 0,
      eligible: 0,
      urgent: 0,
      unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
    });
  });
});
