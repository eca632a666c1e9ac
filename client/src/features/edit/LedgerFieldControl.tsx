/**
 * The form control of one ledger field, chosen by the field's kind in the registry
 * (core/ledger-fields.ts): a field added there gets a control here with no other edit. Every
 * control can be emptied: an empty control is an unknown value (null).
 */
import { Input, InputNumber, Select } from 'antd';
import { HAZARD_LEVEL_LABELS, maxCharsOf, PROPERTY_TYPE_LABELS, YES_NO_LABELS, type InputField } from '../../../../core/ledger-fields';
import type { Language } from '../../shared/i18n/languages';
import { UNKNOWN_VALUE } from '../../shared/ledger-format';

export type LedgerFieldValue = string | number | boolean | null;

export interface LedgerFieldControlProps {
  field: InputField;
  value: LedgerFieldValue | undefined;
  onChange(value: LedgerFieldValue): void;
  language: Language;
  placeholder?: string;
}

function labelledOptions(
  labels: Readonly<Record<string, { zh: string; en: string }>>,
  language: Language,
): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label: label[language] }));
}

export function LedgerFieldControl({ field, value, onChange, language, placeholder }: LedgerFieldControlProps) {
  const testId = `form-${field.key}`;
  switch (field.kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      // The registry's limit, so the form stops where the server's rule would refuse.
      const maxLength = maxCharsOf(field);
      return 'multiline' in field ? (
        <Input.TextArea
          data-testid={testId}
          rows={2}
          value={text}
          maxLength={maxLength}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          data-testid={testId}
          value={text}
          maxLength={maxLength}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
    case 'integer':
    case 'year':
    case 'number':
    case 'percent':
      return (
        <InputNumber
          data-testid={testId}
          value={typeof value === 'number' ? value : null}
          min={field.kind === 'year' ? undefined : 0}
          max={field.kind === 'percent' ? 100 : undefined}
          precision={field.kind === 'integer' || field.kind === 'year' ? 0 : undefined}
          suffix={'unit' in field ? (field.unit === 'm2' ? 'm²' : '%') : undefined}
          placeholder={UNKNOWN_VALUE}
          style={{ width: '100%' }}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'boolean':
    case 'booleanOrNull':
      return (
        <Select
          data-testid={testId}
          allowClear
          placeholder={UNKNOWN_VALUE}
          value={typeof value === 'boolean' ? (value ? 'yes' : 'no') : undefined}
          options={labelledOptions(YES_NO_LABELS, language)}
          onChange={(next: 'yes' | 'no' | undefined) => onChange(next === undefined ? null : next === 'yes')}
        />
      );
    case 'propertyType':
    case 'hazardLevel':
      return (
        <Select
          data-testid={testId}
          allowClear
          placeholder={UNKNOWN_VALUE}
          value={typeof value === 'string' ? value : undefined}
          options={
            field.kind === 'propertyType' ? labelledOptions(PROPERTY_TYPE_LABELS, language) : labelledOptions(HAZARD_LEVEL_LABELS, language)
          }
          onChange={(next: string | undefined) => onChange(next ?? null)}
        />
      );
  }
}
