/**
 * The totals the demo city is generated to: the published figures of 柳州市城中区, scaled to the
 * requested estate count.
 */

/** Published figures of 柳州市城中区 (design.md §10, seed 000). */
export const DEMO_FIGURES = { estates: 117, floorAreaM2: 435_000, households: 8_593, eligible: 70, urgent: 18 } as const;

export interface CityFigures {
  estates: number;
  floorAreaM2: number;
  households: number;
  eligible: number;
  urgent: number;
}

/**
 * The totals a city of `estates` estates is generated to: the demo figures scaled in proportion.
 * @example targetFigures(117).floorAreaM2 // 435000
 */
export function targetFigures(estates: number): CityFigures {
  const k = estates / DEMO_FIGURES.estates;
  return {
    estates,
    floorAreaM2: Math.round(DEMO_FIGURES.floorAreaM2 * k),
    households: Math.round(DEMO_FIGURES.households * k),
    eligible: Math.round(DEMO_FIGURES.eligible * k),
    urgent: Math.round(DEMO_FIGURES.urgent * k),
  };
}
