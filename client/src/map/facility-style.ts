/** Facility point colours, one per catalogue type (core/facility-catalogue.ts), hues grouped by life-circle tier. */
import type { FacilityTypeId } from '../../../core/facility-catalogue';
import { hexToRgb, type Rgb } from '../../../core/colour';

// Chosen by CIEDE2000, not by eye: every colour differs by ΔE00 ≥ 10 from every other and ≥ 12 from
// the land, the river and the boundary lines (tests/unit/client-map-colours.test.ts). The boundary
// purple is avoided, so the 15-minute tier is teal and blue rather than purple.
const FACILITY_HEX: Readonly<Record<FacilityTypeId, string>> = {
  // 15-minute tier: teals and blues
  junior_middle_school: '#1870a4',
  community_health_center: '#0e795f',
  cultural_center: '#6783bf',
  sports_center: '#31cfa7',
  large_sports_field: '#26aeb2',
  subdistrict_service_center: '#305289',
  elderly_home: '#168eba',
  // 10-minute tier: greens and olives
  primary_school: '#345d02',
  fresh_market: '#92ca23',
  shopping_center: '#d0b937',
  medium_sports_field: '#40962c',
  bus_stop: '#948427',
  // 5-minute tier: warm colours
  kindergarten: '#ec32a9',
  nursery: '#f7a39a',
  elderly_daycare: '#965e16',
  community_service_station: '#fb7821',
  cultural_station: '#e1af7d',
  outdoor_fitness: '#982547',
  community_health_station: '#fa2d59',
  community_canteen: '#9b2804',
  // residential block (off by default): neutrals
  convenience_store: '#34311a',
  parcel_point: '#6c5b56',
  waste_point: '#8d9385',
};

const FACILITY_COLOURS = new Map<string, Rgb>(Object.entries(FACILITY_HEX).map(([id, hex]) => [id, hexToRgb(hex)]));
export const UNKNOWN_FACILITY_COLOUR: Rgb = [90, 90, 90];

export function facilityColour(type: string): Rgb {
  return FACILITY_COLOURS.get(type) ?? UNKNOWN_FACILITY_COLOUR;
}
