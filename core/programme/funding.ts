/**
 * Funding (资金筹措, design.md §6): where a project's money comes from, planned against received,
 * and how the local subsidy divides between the city and the district (seed 000: 7 : 3).
 */
import type { Bilingual } from '../ledger-fields.js';

export const FUNDING_SOURCE_IDS = [
  'central_subsidy',
  'central_budget',
  'provincial',
  'local_subsidy',
  'special_bonds',
  'residents',
  'original_units',
  'utilities',
  'social_capital',
] as const;
export type FundingSourceId = (typeof FUNDING_SOURCE_IDS)[number];

export const FUNDING_SOURCE_LABELS: Readonly<Record<FundingSourceId, Bilingual>> = {
  central_subsidy: { zh: '中央补助资金', en: 'Central subsidy' },
  central_budget: { zh: '中央预算内投资', en: 'Central budget investment' },
  provincial: { zh: '省级财政', en: 'Provincial finance' },
  local_subsidy: { zh: '市区财政（以奖代补）', en: 'City and district finance' },
  special_bonds: { zh: '专项债', en: 'Special bonds' },
  residents: { zh: '居民出资', en: 'Residents' },
  original_units: { zh: '原产权单位', en: 'Original property units' },
  utilities: { zh: '专营单位', en: 'Utility companies' },
  social_capital: { zh: '社会资本', en: 'Social capital' },
};

/** The city's and the district's parts of the local subsidy, as a ratio (seed 000: 7 : 3). */
export interface SubsidySplit {
  city: number;
  district: number;
}
export const DEFAULT_SUBSIDY_SPLIT: SubsidySplit = { city: 7, district: 3 };

/**
 * Each level's share of a local-subsidy amount, in whole yuan; the two parts always add up to the
 * amount (the district takes the rounding).
 * @example splitLocalSubsidy(1_000_000, { city: 7, district: 3 }) // { cityYuan: 700000, districtYuan: 300000 }
 */
export function splitLocalSubsidy(
  amountYuan: number,
  split: SubsidySplit = DEFAULT_SUBSIDY_SPLIT,
): { cityYuan: number; districtYuan: number } {
  const parts = split.city + split.district;
  if (!(parts > 0) || split.city < 0 || split.district < 0)
    throw new RangeError('the subsidy split needs two non-negative parts, not both 0');
  const cityYuan = Math.round((amountYuan * split.city) / parts);
  return { cityYuan, districtYuan: Math.round(amountYuan) - cityYuan };
}

/** Reads a split written "7:3" (SUBSIDY_SPLIT). */
export function parseSubsidySplit(text: string): SubsidySplit | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const split = { city: Number(match[1]), district: Number(match[2]) };
  return split.city + split.district > 0 ? split : null;
}

/** Planned and received money per source, every source listed (0 where none). */
export function fundingBySource(
  rows: readonly { source: string; plannedYuan: number; receivedYuan: number }[],
): { source: FundingSourceId; plannedYuan: number; receivedYuan: number }[] {
  const totals = FUNDING_SOURCE_IDS.map((source) => ({ source, plannedYuan: 0, receivedYuan: 0 }));
  for (const row of rows) {
    const total = totals.find((t) => t.source === row.source);
    if (!total) continue;
    total.plannedYuan += row.plannedYuan;
    total.receivedYuan += row.receivedYuan;
  }
  return totals;
}
