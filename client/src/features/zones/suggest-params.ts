/** The suggestion panel's parameters and the request they make. */
import { ZONE_GAP_BOUNDS_M } from '../../../../core/zones/zone-rules';
import type { ZoneSuggestBody } from '../../api';

/** As typed: an empty cap is null (no cap); an empty gap asks nothing. */
export interface SuggestParams {
  gapM: number | null;
  maxHouseholds: number | null;
  maxEstates: number | null;
  sameSubdistrict: boolean;
  includeNonEligible: boolean;
}

/** The request for valid parameters; null while the gap is empty or out of bounds. */
export function suggestBodyOf(params: SuggestParams): ZoneSuggestBody | null {
  const { gapM } = params;
  if (gapM === null || !(gapM >= ZONE_GAP_BOUNDS_M.min && gapM <= ZONE_GAP_BOUNDS_M.max)) return null;
  return {
    gapM,
    maxHouseholds: params.maxHouseholds,
    maxEstates: params.maxEstates,
    sameSubdistrict: params.sameSubdistrict,
    eligibleOnly: !params.includeNonEligible,
  };
}
