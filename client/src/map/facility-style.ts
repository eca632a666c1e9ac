/** Facility point colours, one per catalogue type (core/facility-catalogue.ts), hues grouped by life-circle tier. */
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../core/facility-catalogue';
import { hexToRgb, type Rgb } from './colours';

const FACILITY_HEX: Readonly<Record<FacilityTypeId, string>> = {
  // 15-minute tier: blues and purples
  junior_middle_school: '#1f4e9c',
  community_health_center: '#3b7dd8',
  cultural_center: '#6a51a3',
  sports_center: '#8c6bb1',
  large_sports_field: '#2b8cbe',
  subdistrict_service_center: '#08519c',
  elderly_home: '#54278f',
  // 10-minute tier: greens
  primary_school: '#006d2c',
  fresh_market: '#41ab5d',
  shopping_center: '#78c679',
  medium_sports_field: '#238b45',
  bus_stop: '#0e7c7b',
  // 5-minute tier: warm colours
  kindergarten: '#e7298a',
  nursery: '#f768a1',
  elderly_daycare: '#a6761d',
  community_service_station: '#d95f0e',
  cultural_station: '#fe9929',
  outdoor_fitness: '#c51b8a',
  community_health_station: '#e31a1c',
  community_canteen: '#b15928',
  // residential block: neutrals
  convenience_store: '#525252',
  parcel_point: '#737373',
  waste_point: '#8c7b6b',
};

const FACILITY_COLOURS = new Map<string, Rgb>(Object.entries(FACILITY_HEX).map(([id, hex]) => [id, hexToRgb(hex)]));
export const UNKNOWN_FACILITY_COLOUR: Rgb = [90, 90, 90];

export function facilityColour(type: string): Rgb {
  return FACILITY_COLOURS.get(type) ?? UNKNOWN_FACILITY_COLOUR;
}

/** Catalogue entry of a facility type, or undefined for an id the catalogue does not know. */
export function facilityType(type: string): (typeof FACILITY_CATALOGUE)[number] | undefined {
  return FACILITY_CATALOGUE.find((f) => f.id === type);
}
