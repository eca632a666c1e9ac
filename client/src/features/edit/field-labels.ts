/** The label of a write property or form field, from the estate panel's field names. */
import type { TFunction } from 'i18next';
import { isEstateField } from '../../shared/estate-fields';

export function fieldLabel(t: TFunction, field: string): string {
  switch (field) {
    case 'subdistrictCode':
      return t('estate.fields.subdistrict');
    case 'communityCode':
      return t('estate.fields.community');
    case 'districtCode':
      return t('estate.fields.district');
    case 'eligibility':
    case 'eligibilityOverride':
      return t('form.eligibility');
    case 'eligibilityOverrideReason':
      return t('form.overrideReason');
    case 'geometry':
      return t('edit.geometry');
    default:
      return isEstateField(field) ? t(`estate.fields.${field}`) : field;
  }
}
