/**
 * What a coverage computation reads: the estates in scope with their gates, every facility (the
 * nearest of a type may lie anywhere), and the catalogue as an administrator set it.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { coverageTypes, type CoverageType, type CoverageTypeOverride } from '../../../core/coverage/coverage-types.js';
import { estateOrigins } from '../../../core/coverage/estate-origins.js';
import type { CoverageEstate } from '../../../core/coverage/coverage.js';
import type { FacilityPoint } from '../../../core/coverage/facility-index.js';
import { isFacilityTypeId } from '../../../core/facility-catalogue.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { buildRoadGraph, type RoadGraph, type RoadLine } from '../../../core/network/road-graph.js';
import type { CoverageModel } from '../../../core/contract/index.js';
import { RejectedError } from '../../domain-errors.js';

export interface ScopedEstate extends CoverageEstate {
  name: string;
}

/** The estates `whereSql` (over `estates e`) selects, with their gates; ordered by id. */
export async function loadCoverageEstates(db: Queryable, whereSql: string, params: readonly SqlParam[]): Promise<ScopedEstate[]> {
  const rows = await db.query<{ id: number; name: string; households: number; geometry: Polygon | MultiPolygon; gates: Position[] | null }>(
    `SELECT e.id, e.name, COALESCE(e.households, 0) AS households, ST_AsGeoJSON(e.geom)::json AS geometry,
            (SELECT json_agg(json_build_array(ST_X(g.geom), ST_Y(g.geom)) ORDER BY g.id) FROM estate_gates g WHERE g.estate_id = e.id) AS gates
     FROM estates e WHERE ${whereSql} ORDER BY e.id`,
    params,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    households: row.households,
    origins: estateOrigins(row.geometry, row.gates ?? []),
  }));
}

export interface StoredFacility extends FacilityPoint {
  id: number;
}

/** Every existing facility of a catalogue type, and the planned ones too when asked. */
export async function loadCoverageFacilities(db: Queryable, includePlanned = false): Promise<StoredFacility[]> {
  const rows = await db.query<StoredFacility>(
    `SELECT id, type, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE status = 'existing' OR $1 ORDER BY id`,
    [includePlanned],
  );
  return rows.filter((row) => isFacilityTypeId(row.type));
}

/** The catalogue with the administrator's stored changes laid over it. */
export async function loadCoverageTypes(db: Queryable): Promise<CoverageType[]> {
  const rows = await db.query<{ id: string; radiusM: number; counted: boolean }>(
    'SELECT type_id AS id, radius_m AS "radiusM", counted FROM facility_type_settings',
  );
  const overrides: CoverageTypeOverride[] = [];
  for (const row of rows) if (isFacilityTypeId(row.id)) overrides.push({ id: row.id, radiusM: row.radiusM, counted: row.counted });
  return coverageTypes(overrides);
}

/** Every road as a line of the walking network (MultiLineStrings in parts), in id order. */
export async function loadRoadLines(db: Queryable): Promise<RoadLine[]> {
  const rows = await db.query<{ id: number; coordinates: Position[] }>(
    "SELECT id, (ST_AsGeoJSON(geom)::json)->'coordinates' AS coordinates FROM roads ORDER BY id",
  );
  return rows;
}

/** What a coverage run reads besides the estates, and the model it runs in. */
export interface CoverageSetting {
  facilities: StoredFacility[];
  types: CoverageType[];
  model: CoverageModel;
  /** The walking graph, null for straight lines. */
  graph: RoadGraph | null;
}

/** Facilities, catalogue and roads; the model asked for, else walking when there are roads. Walking without roads is refused (422). */
export async function loadCoverageSetting(
  db: Queryable,
  modelAsked: CoverageModel | undefined,
  includePlanned = false,
): Promise<CoverageSetting> {
  const [facilities, types, roads] = [
    await loadCoverageFacilities(db, includePlanned),
    await loadCoverageTypes(db),
    await loadRoadLines(db),
  ];
  const model: CoverageModel = modelAsked ?? (roads.length > 0 ? 'network' : 'euclidean');
  if (model === 'network' && roads.length === 0) throw new RejectedError('no_road_network', {});
  return { facilities, types, model, graph: model === 'network' ? buildRoadGraph(roads) : null };
}
