import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';

/** Real OpenStreetMap residential polygons (ODbL), copied into the repository so every checkout has them. */
export const REALDATA_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'realdata');

export const HELSINKI_RESIDENTIAL = join(REALDATA_DIR, 'helsinki_residential_landuse.geojson');

/** The three real areas: residential polygons, categorised facilities and the walkable ways of each. */
export const REALDATA_AREAS = ['cau', 'pku', 'helsinki'] as const;
export type RealdataArea = (typeof REALDATA_AREAS)[number];
export const realdataFile = (area: RealdataArea, layer: 'residential_landuse' | 'facilities' | 'walk_network'): string =>
  join(REALDATA_DIR, `${area}_${layer}.geojson`);
