/**
 * A facility as the ledger keeps it (POST/PATCH /api/facilities, the facility import): a catalogue
 * type, a name, whether it exists or is only planned, and a WGS84 point.
 */
import { z } from 'zod';
import { FACILITY_TYPE_IDS, isFacilityTypeId, type FacilityTypeId } from '../facility-catalogue.js';
import type { Bilingual } from '../ledger-fields.js';
import { safeTextSchema } from '../safe-text.js';

/** `planned`: a site a designer saved from a what-if; coverage counts it only when asked to. */
export const FACILITY_STATUSES = ['existing', 'planned'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export const FACILITY_STATUS_LABELS: Readonly<Record<FacilityStatus, Bilingual>> = {
  existing: { zh: '现状', en: 'Existing' },
  planned: { zh: '规划', en: 'Planned' },
};

export const FACILITY_NAME_MAX_CHARS = 100;

/** Web Mercator's latitude limit: a point beyond it cannot be drawn on the map. */
const MAX_LAT = 85.05112878;

const typeSchema = z.string().refine(isFacilityTypeId, {
  error: (issue) => `unknown facility type "${String(issue.input)}"; expected one of ${FACILITY_TYPE_IDS.join(', ')}`,
}) as unknown as z.ZodType<FacilityTypeId>;

const lngSchema = z
  .number({ error: 'lng (longitude, degrees) must be a number' })
  .min(-180, 'lng must be between -180 and 180')
  .max(180, 'lng must be between -180 and 180');
const latSchema = z
  .number({ error: 'lat (latitude, degrees) must be a number' })
  .min(-MAX_LAT, `lat must be between -${MAX_LAT} and ${MAX_LAT}`)
  .max(MAX_LAT, `lat must be between -${MAX_LAT} and ${MAX_LAT}`);

const facilityFields = {
  type: typeSchema,
  name: safeTextSchema(FACILITY_NAME_MAX_CHARS),
  status: z.enum(FACILITY_STATUSES, { error: `status must be one of ${FACILITY_STATUSES.join(', ')}` }),
  lng: lngSchema,
  lat: latSchema,
};

/** A whole facility record, as created or imported: a name defaults to none, a status to existing. */
export const facilityInputSchema = z
  .object({ ...facilityFields, name: facilityFields.name.default(''), status: facilityFields.status.default('existing') })
  .strict();
export type FacilityInput = z.output<typeof facilityInputSchema>;

/** The fields a PATCH may change; none has a default, so what is absent stays as stored. */
export const facilityChangeSchema = z.object(facilityFields).partial().strict();

/** [lng, lat] of a GeoJSON Point, checked as `lng`/`lat` are (a third ordinate, height, is allowed and dropped). */
export const geoJsonPointSchema = z
  .object({
    type: z.literal('Point', { error: 'geometry must be a GeoJSON Point ("type": "Point")' }),
    coordinates: z.tuple([lngSchema, latSchema], { error: 'coordinates must be [lng, lat]' }).rest(z.number()),
  })
  .loose();

/**
 * A facility as a GeoJSON Point Feature with properties `{ type, name?, status? }` (POST
 * /api/facilities, each feature of an import), read into a record.
 */
export const facilityFeatureSchema = z
  .object(
    {
      type: z.literal('Feature', { error: 'a facility is a GeoJSON Feature ("type": "Feature")' }),
      geometry: geoJsonPointSchema,
      properties: z
        .object({ type: facilityFields.type, name: facilityFields.name.default(''), status: facilityFields.status.default('existing') })
        .strict(),
    },
    { error: 'a facility is a GeoJSON Point Feature { "type": "Feature", "geometry", "properties": { "type", "name" } }' },
  )
  .loose()
  .transform((feature): FacilityInput => ({
    ...feature.properties,
    lng: feature.geometry.coordinates[0],
    lat: feature.geometry.coordinates[1],
  }));

/** PATCH /api/facilities/:id: the properties to change and/or a new point. */
export const facilityFeatureChangeSchema = z
  .object({
    properties: facilityChangeSchema.omit({ lng: true, lat: true }).optional(),
    geometry: geoJsonPointSchema.optional(),
  })
  .transform(({ properties, geometry }): Partial<FacilityInput> => ({
    ...properties,
    ...(geometry ? { lng: geometry.coordinates[0], lat: geometry.coordinates[1] } : {}),
  }));

/** An estate gate (POST /api/estates/:id/gates): a GeoJSON Point Feature with an optional `{ name }`. */
export const gateFeatureSchema = z
  .object({
    type: z.literal('Feature', { error: 'a gate is a GeoJSON Feature ("type": "Feature")' }),
    geometry: geoJsonPointSchema,
    properties: z
      .object({ name: facilityFields.name.default('') })
      .strict()
      .nullable()
      .default(null),
  })
  .loose()
  .transform((feature) => ({
    name: feature.properties?.name ?? '',
    lng: feature.geometry.coordinates[0],
    lat: feature.geometry.coordinates[1],
  }));
