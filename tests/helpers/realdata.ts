import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';

/** Real OpenStreetMap residential polygons (ODbL), copied into the repository so every checkout has them. */
export const REALDATA_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'realdata');

export const HELSINKI_RESIDENTIAL = join(REALDATA_DIR, 'helsinki_residential_landuse.geojson');
