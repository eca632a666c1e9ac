/** A coordinate as GeoJSON and MapLibre order it: `[lng, lat]` in degrees (EPSG:4326). */
export type LngLat = [number, number];

/** A position in CSS pixels on the map: `[x, y]`, y growing downwards. */
export type PixelPoint = [number, number];
