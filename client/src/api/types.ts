/** Shapes of the API answers: the wire types of core/contract/, named as the client uses them. */
import type {
  AtlasConfig as ContractAtlasConfig,
  EstateApiFeature,
  EstateFilter as ContractEstateFilter,
} from '../../../core/contract/index';
import type { ZoneRules } from '../../../core/zones/zone-rules';

export type {
  BasemapConfig,
  CommunityCollection,
  EstateApiFeature,
  EstateApiProperties,
  EstateSummary as Summary,
  FacilityCollection,
  FacilityFeature,
  RoadCollection,
  OutlinedSubdistrictCollection,
  SubdistrictCollection,
  WaterCollection,
} from '../../../core/contract/index';

export interface EstateCollection {
  type: 'FeatureCollection';
  features: EstateApiFeature[];
}

/** The filters of /api/estates and /api/summary (core/contract), where a UI "none" is null, plus the list's limit. */
export type EstateFilter = { [K in keyof ContractEstateFilter]?: ContractEstateFilter[K] | null } & { limit?: number | null };

/** GET /api/config, with the city's zone rules (the defaults of the zone suggestions). */
export type AtlasConfig = ContractAtlasConfig & { zoneRules?: ZoneRules };
