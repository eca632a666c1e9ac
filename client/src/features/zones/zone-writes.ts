/**
 * Zone writes as the panels use them: each stores the answer in the atlas store and turns a
 * refusal into words in the UI language. A version conflict stores the zone as it is now (or
 * reloads the list) so the next attempt starts from it.
 */
import {
  ApiError,
  createZone,
  deleteZone,
  patchZone,
  ZoneWriteError,
  type ZoneApiFeature,
  type ZoneCreateBody,
  type ZonePatchBody,
} from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { loadZones } from '../../state/load-zones';
import type { Language } from '../../shared/i18n/languages';

export type ZoneWriteResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** The refusal in the UI language (core/problems.ts wording), never a raw code. */
export function zoneErrorText(error: unknown, language: Language): string {
  if (error instanceof ApiError) return error.messageIn(language);
  return error instanceof Error ? error.message : String(error);
}

async function run<T>(write: () => Promise<T>, language: Language): Promise<ZoneWriteResult<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (error instanceof ZoneWriteError && error.code === 'zone_version_conflict') {
      if (error.current) useAtlasStore.getState().zoneStored(error.current);
      else await loadZones();
    }
    if (error instanceof ZoneWriteError && error.status === 404) await loadZones();
    return { ok: false, code: error instanceof ApiError ? error.code : 'error', message: zoneErrorText(error, language) };
  }
}

export async function createZoneAndStore(body: ZoneCreateBody, language: Language): Promise<ZoneWriteResult<ZoneApiFeature>> {
  const result = await run(() => createZone(body), language);
  if (result.ok) useAtlasStore.getState().zoneStored(result.value);
  return result;
}

export async function patchZoneAndStore(zone: ZoneApiFeature, patch: Omit<ZonePatchBody, 'version'>, language: Language) {
  const result = await run(() => patchZone(zone.id, { ...patch, version: zone.properties.version }), language);
  if (result.ok) useAtlasStore.getState().zoneStored(result.value);
  return result;
}

export async function deleteZoneAndForget(zone: ZoneApiFeature, language: Language): Promise<ZoneWriteResult<null>> {
  const result = await run(() => deleteZone(zone.id, zone.properties.version).then(() => null), language);
  if (result.ok) useAtlasStore.getState().zoneRemoved(zone.id);
  return result;
}
