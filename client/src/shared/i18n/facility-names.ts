/** Facility type names come from the catalogue (core/facility-catalogue.ts), not from the resource files. */
import { FACILITY_CATALOGUE } from '../../../../core/facility-catalogue';
import type { Language } from './languages';

export function facilityTypeName(typeId: string, language: Language): string {
  const entry = FACILITY_CATALOGUE.find((f) => f.id === typeId);
  if (!entry) return typeId;
  return language === 'zh' ? entry.nameZh : entry.nameEn;
}
