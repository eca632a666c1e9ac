/**
 * Light shape checks of API answers, so a wrong answer fails with a message saying which
 * endpoint sent what, instead of an undefined deep inside a map layer.
 */
import { isRecord, type Check } from '../../../core/checks';
import type { AtlasConfig, Summary } from './types';

export interface LooseCollection {
  type: 'FeatureCollection';
  features: unknown[];
}

export const isFeatureCollection: Check<LooseCollection> = (value): value is LooseCollection =>
  isRecord(value) && value.type === 'FeatureCollection' && Array.isArray(value.features);

export const isFeature = (value: unknown): value is { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> } =>
  isRecord(value) && value.type === 'Feature' && isRecord(value.properties) && isRecord(value.geometry);

const SUMMARY_KEYS = ['estates', 'households', 'floorAreaM2', 'buildings', 'landAreaM2', 'eligible', 'urgent'] as const;

export const isSummary: Check<Summary> = (value): value is Summary =>
  isRecord(value) && SUMMARY_KEYS.every((key) => typeof value[key] === 'number');

export const isAtlasConfig: Check<AtlasConfig> = (value): value is AtlasConfig => {
  if (!isRecord(value) || !isRecord(value.basemap)) return false;
  const { styleUrl, tiandituKey } = value.basemap;
  const nullableString = (v: unknown) => v === null || v === undefined || typeof v === 'string';
  return typeof value.eligibilityCutoffYear === 'number' && nullableString(styleUrl) && nullableString(tiandituKey);
};
