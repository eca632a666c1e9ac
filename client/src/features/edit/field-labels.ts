/** The label of a write property or form field: the registry's label, or the form's own words. */
import type { TFunction } from 'i18next';
import { isLedgerFieldKey, ledgerField } from '../../../../core/ledger-fields';
import type { Language } from '../../shared/i18n/languages';

const UNIT_CODE_LABELS: Readonly<Record<string, 'district' | 'subdistrict' | 'community'>> = {
  districtCode: 'district',
  subdistrictCode: 'subdistrict',
  communityCode: 'community',
};

export function fieldLabel(t: TFunction, field: string, language: Language): string {
  const unit = UNIT_CODE_LABELS[field];
  if (unit) return ledgerField(unit).label[language];
  if (field === 'eligibility' || field === 'eligibilityOverride') return t('form.eligibility');
  if (field === 'geometry') return t('edit.geometry');
  return isLedgerFieldKey(field) ? ledgerField(field).label[language] : field;
}
