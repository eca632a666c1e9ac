/** Side panel of the facility clicked on the map (one side panel at a time: it replaces the estate's). */
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { SidePanel } from '../atlas/SidePanel';
import { FacilityForm } from './FacilityForm';

export function FacilityPanel() {
  const { t } = useTranslation();
  const facility = useAtlasStore((s) => s.data?.facilities.features.find((f) => f.id === s.selectedFacilityId));
  const selectFacility = useAtlasStore((s) => s.selectFacility);
  const p = facility?.properties;
  return (
    <SidePanel
      open={Boolean(facility)}
      onClose={() => selectFacility(null)}
      closeLabel={t('facility.close')}
      title={<span data-testid="facility-panel-name">{p ? p.name || t('facility.unnamed') : t('facility.panelTitle')}</span>}
    >
      {facility ? <FacilityForm key={`${String(facility.id)}-${p?.version ?? 0}`} facility={facility} /> : null}
    </SidePanel>
  );
}
