/** A facility type picked from the catalogue by its name in the UI language (searchable). */
import { Select } from 'antd';
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../../core/facility-catalogue';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';

export interface FacilityTypeSelectProps {
  value: FacilityTypeId;
  onChange(type: FacilityTypeId): void;
  testId: string;
  ariaLabel: string;
  className?: string;
}

export function FacilityTypeSelect({ value, onChange, testId, ariaLabel, className }: FacilityTypeSelectProps) {
  const language = useAtlasStore((s) => s.language);
  return (
    <Select<FacilityTypeId>
      size="small"
      className={className}
      data-testid={testId}
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={FACILITY_CATALOGUE.map((f) => ({ value: f.id, label: facilityTypeName(f.id, language) }))}
    />
  );
}
