/**
 * Zone routes (docs/API.md → Zones): list, create, patch, delete, detail and suggestions of
 * renovation zones (片区). A refused write becomes a ZoneWriteError carrying what the UI needs to
 * explain it: the code (worded by core/problems.ts) and, for a version conflict, the current zone.
 */
import type { ZoneRules } from '../../../core/zones/zone-rules';
import { DEFAULT_ZONE_RULES } from '../../../core/zones/zone-rules';
import {
  zoneFeatureSchema,
  zoneSuggestAnswerSchema,
  type ZoneApiFeature,
  type ZoneCreateBody,
  type ZoneDetail,
  type ZonePatchBody,
  type ZoneSuggestAnswer,
  type ZoneSuggestBody,
} from '../../../core/contract/zones';
import { isRecord } from '../../../core/checks';
import { ApiError, getJson, request, type QueryValue } from './request';
import { isFeatureCollection } from './checks';
import { invalidAnswer } from './invalid';

export type { ZoneApiFeature, ZoneCreateBody, ZoneDetail, ZonePatchBody, ZoneSuggestAnswer, ZoneSuggestBody, ZoneRules };
export type { ZoneApiProperties, ZoneSuggestion, ZoneLinkFeature } from '../../../core/contract/zones';

export interface ZoneCollection {
  type: 'FeatureCollection';
  features: ZoneApiFeature[];
}

function isZoneFeature(value: unknown): value is ZoneApiFeature {
  return zoneFeatureSchema.safeParse(value).success;
}

/** A refused zone write; `current` is the zone as stored now when the code is zone_version_conflict. */
export class ZoneWriteError extends ApiError {
  readonly current: ZoneApiFeature | null;

  constructor(cause: ApiError) {
    super(cause.status, cause.code, cause.serverMessage, cause.path, {
      serverMessage: cause.serverMessage,
      details: cause.details,
      params: cause.params,
    });
    this.name = 'ZoneWriteError';
    const current = isRecord(cause.details) ? cause.details.current : undefined;
    this.current = isZoneFeature(current) ? current : null;
  }
}

async function send(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Record<string, QueryValue>; signal?: AbortSignal } = {},
): Promise<unknown> {
  try {
    return await request(path, { method, ...options });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status < 400) throw error;
    throw new ZoneWriteError(error);
  }
}

function asZone(body: unknown, path: string): ZoneApiFeature {
  if (!isZoneFeature(body)) throw invalidAnswer(path, 'a zone Feature');
  return body;
}

function zonePath(id: number, tail = ''): string {
  return `/api/zones/${encodeURIComponent(String(id))}${tail}`;
}

export async function fetchZones(signal?: AbortSignal): Promise<ZoneCollection> {
  const body = await getJson('/api/zones', undefined, signal);
  if (!isFeatureCollection(body) || !body.features.every(isZoneFeature)) throw invalidAnswer('/api/zones', 'a FeatureCollection of zones');
  return body as unknown as ZoneCollection;
}

export async function fetchZoneDetail(id: number, signal?: AbortSignal): Promise<ZoneDetail> {
  const path = zonePath(id, '/detail');
  const body = await getJson(path, undefined, signal);
  if (!isRecord(body) || !isZoneFeature(body.zone) || !Array.isArray(body.links) || !Array.isArray(body.facilities)) {
    throw invalidAnswer(path, 'the zone detail');
  }
  return body as unknown as ZoneDetail;
}

/** POST /api/zones → 201 the stored zone. */
export async function createZone(body: ZoneCreateBody): Promise<ZoneApiFeature> {
  return asZone(await send('POST', '/api/zones', { body }), '/api/zones');
}

/** PATCH /api/zones/:id with the version edited → the stored zone, version + 1. */
export async function patchZone(id: number, body: ZonePatchBody): Promise<ZoneApiFeature> {
  const path = zonePath(id);
  return asZone(await send('PATCH', path, { body }), path);
}

/** DELETE /api/zones/:id?version=n → 204. */
export async function deleteZone(id: number, version: number): Promise<void> {
  await send('DELETE', zonePath(id), { query: { version } });
}

/** POST /api/zones/suggest: writes nothing; abort it when the parameters change again. */
export async function suggestZones(body: ZoneSuggestBody, signal?: AbortSignal): Promise<ZoneSuggestAnswer> {
  const answer = await send('POST', '/api/zones/suggest', { body, signal });
  if (!zoneSuggestAnswerSchema.safeParse(answer).success) throw invalidAnswer('/api/zones/suggest', 'zone suggestions');
  return answer as ZoneSuggestAnswer;
}

function capOf(value: unknown, fallback: number | null): number | null {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The city's zone rules from GET /api/config's `zoneRules`; the design defaults for anything missing.
 * @example zoneRulesOf({ zoneRules: { gapM: 80 } }) // { gapM: 80, maxHouseholds: null, maxEstates: null, sameSubdistrict: false }
 */
export function zoneRulesOf(config: unknown): ZoneRules {
  const rules = isRecord(config) && isRecord(config.zoneRules) ? config.zoneRules : {};
  const d = DEFAULT_ZONE_RULES;
  return {
    gapM: typeof rules.gapM === 'number' && rules.gapM > 0 ? rules.gapM : d.gapM,
    maxHouseholds: capOf(rules.maxHouseholds, d.maxHouseholds),
    maxEstates: capOf(rules.maxEstates, d.maxEstates),
    sameSubdistrict: typeof rules.sameSubdistrict === 'boolean' ? rules.sameSubdistrict : d.sameSubdistrict,
  };
}
