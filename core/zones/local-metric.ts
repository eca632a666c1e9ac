/**
 * The metric plane zones are measured in, chosen for where the data is: a transverse Mercator
 * with scale 1 on a central meridian at the data's whole degree of longitude, not a fixed UTM
 * zone. Within ±0.5° of that meridian (±48 km at 30° N) lengths are off by under 30 ppm — 50 m is
 * 50 m to 1.5 mm — where a UTM zone's 0.9996 scale would be 2 cm off.
 *
 * Each plane has an SRID of its own (900 000 + a code of its whole-degree centre): PostGIS caches
 * a transform by SRID, while a PROJ string is parsed again on every call (7 ms each on the PostGIS
 * server — 70 s for 10 000 estates). Migration 007 registers the planes over China
 * (LOCAL_PLANE_AREA); elsewhere the data's UTM zone stands in.
 */

import proj4 from 'proj4';

export interface LocalPlane {
  /** The plane's SRID in spatial_ref_sys. */
  readonly srid: number;
  /** Its PROJ definition. */
  readonly proj: string;
}

/** First SRID of the local planes: PostGIS leaves 900 000–999 999 to users. */
export const LOCAL_PLANE_SRID_BASE = 900_000;

/** Whole-degree centres whose planes migration 007 registers: China and its neighbours' margins. */
export const LOCAL_PLANE_AREA = { minLng: 73, maxLng: 136, minLat: 3, maxLat: 54 } as const;

/**
 * The local plane for data centred on [lng, lat].
 * @example localPlane(114.3, 30.6) // { srid: 953335, proj: '+proj=tmerc +lon_0=114 +lat_0=31 +k=1 …' }
 */
export function localPlane(centreLng: number, centreLat: number): LocalPlane {
  const lon0 = Math.round(centreLng);
  const lat0 = Math.round(centreLat);
  const area = LOCAL_PLANE_AREA;
  if (lon0 >= area.minLng && lon0 <= area.maxLng && lat0 >= area.minLat && lat0 <= area.maxLat) {
    return {
      srid: LOCAL_PLANE_SRID_BASE + (lon0 + 180) * 181 + (lat0 + 90),
      proj: `+proj=tmerc +lon_0=${lon0} +lat_0=${lat0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs`,
    };
  }
  const zone = Math.min(60, Math.max(1, Math.floor((centreLng + 180) / 6) + 1));
  const south = centreLat < 0;
  return { srid: (south ? 32700 : 32600) + zone, proj: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs` };
}

/** A function that takes [x, y] in metres of `plane` back to [lng, lat]. */
export function planeToLngLat(plane: Pick<LocalPlane, 'proj'>): (xy: readonly [number, number]) => [number, number] {
  const converter = proj4(plane.proj, 'WGS84');
  return (xy) => converter.forward([xy[0], xy[1]]);
}
