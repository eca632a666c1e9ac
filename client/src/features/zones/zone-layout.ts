/** Width of the zones drawer over the map's right side; flights keep clear of it. */
export const ZONE_DRAWER_WIDTH_PX = 400;
