/**
 * OpenStreetMap facility categories (the `category` of ../shared/realdata, from the amenity, shop,
 * leisure and highway tags) onto the life-circle catalogue. A category the catalogue has no type
 * for (pharmacy, university, park, rail/metro, library, police) maps to nothing and is left out.
 */
import type { FacilityTypeId } from '../facility-catalogue.js';

export const OSM_CATEGORY_TYPES: Readonly<Record<string, FacilityTypeId>> = {
  kindergarten: 'kindergarten',
  // OSM's school does not tell primary from junior middle; primary is the nearer need (10-minute tier).
  school: 'primary_school',
  hospital: 'community_health_center',
  clinic: 'community_health_station',
  elderly_care: 'elderly_daycare',
  social_facility: 'elderly_home',
  community_centre: 'community_service_station',
  market: 'fresh_market',
  supermarket: 'fresh_market',
  convenience_food_shop: 'convenience_store',
  sports: 'medium_sports_field',
  bus_stop: 'bus_stop',
  post_office: 'parcel_point',
};

/**
 * The catalogue type of an OSM category, or null when the catalogue has none.
 * @example facilityTypeOfOsmCategory('supermarket') // 'fresh_market'
 */
export function facilityTypeOfOsmCategory(category: string): FacilityTypeId | null {
  return Object.hasOwn(OSM_CATEGORY_TYPES, category) ? (OSM_CATEGORY_TYPES[category] ?? null) : null;
}
