/** The facility type whose reach colours the estates (colour by "reach of one facility type"). */
import { useTranslation } from 'react-i18next';
import { FacilityTypeSelect } from '../facilities/FacilityTypeSelect';
import { useAtlasStore } from '../../state/atlas-store';

export function ReachTypeSelect() {
  const { t } = useTranslation();
  const typeId = useAtlasStore((s) => s.reachTypeId);
  const setReachType = useAtlasStore((s) => s.setReachType);
  return (
    <FacilityTypeSelect
      value={typeId}
      onChange={setReachType}
      testId="reach-type"
      ariaLabel={t('colourBy.reachType')}
      className="atlas-full-width"
    />
  );
}
