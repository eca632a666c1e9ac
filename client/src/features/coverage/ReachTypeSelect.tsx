/** The facility type whose reach colours the estates (colour by "reach of one facility type"). */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../../core/facility-catalogue';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';

export function ReachTypeSelect() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const typeId = useAtlasStore((s) => s.reachTypeId);
  const setReachType = useAtlasStore((s) => s.setReachType);
  return (
    <Select<FacilityTypeId>
      className="atlas-full-width"
      size="small"
      data-testid="reach-type"
      aria-label={t('colourBy.reachType')}
      value={typeId}
      onChange={setReachType}
      showSearch={{ optionFilterProp: 'label' }}
      options={FACILITY_CATALOGUE.map((f) => ({ value: f.id, label: facilityTypeName(f.id, language) }))}
    />
  );
}
