/**
 * Shapes of the geo-API's answers (docs/API.md), shared by the server that builds them
 * and the client that reads them.
 */
import type { EstateFeature, EstateProperties } from './estate.js';

/** Estate properties as the API sends them: the ledger record plus its place in the hierarchy. */
export interface EstateApiProperties extends EstateProperties {
  id: number;
  /** null for an estate not (yet) assigned to an administrative unit */
  districtCode: string | null;
  subdistrictCode: string | null;
  communityCode: string | null;
}

export type EstateApiFeature = Omit<EstateFeature, 'properties'> & { properties: EstateApiProperties };

/** GET /api/summary: totals of the estates matching the current filter. */
export interface EstateSummary {
  estates: number;
  households: number;
  floorAreaM2: number;
  buildings: number;
  landAreaM2: number;
  eligible: number;
  urgent: number;
}

/** Road classes of the walk and basemap network, widest first. */
export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'path'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];
