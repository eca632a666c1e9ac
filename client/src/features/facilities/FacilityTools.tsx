/** Above the facility legend: add a facility of a chosen type with a map click, or import a file of them. */
import { Button, Select } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATALOGUE, type FacilityTypeId } from '../../../../core/facility-catalogue';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import './facilities.css';

// The import reads files with exceljs and shpjs: loaded when opened, not with the map.
const FacilityImportModal = lazy(() => import('./FacilityImportModal').then((m) => ({ default: m.FacilityImportModal })));

export function FacilityTools() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const placing = useAtlasStore((s) => s.mapPlacement?.kind === 'newFacility');
  const setPlacement = useAtlasStore((s) => s.setMapPlacement);
  const canEdit = useCan('facilities.write');
  const [type, setType] = useState<FacilityTypeId>('kindergarten');
  const [importing, setImporting] = useState(false);
  if (!canEdit) return null;

  return (
    <div className="facility-tools" data-testid="facility-tools">
      <Select<FacilityTypeId>
        size="small"
        className="facility-tools-type"
        data-testid="facility-add-type"
        aria-label={t('facility.addType')}
        value={type}
        onChange={setType}
        showSearch={{ optionFilterProp: 'label' }}
        options={FACILITY_CATALOGUE.map((f) => ({ value: f.id, label: facilityTypeName(f.id, language) }))}
      />
      <Button
        size="small"
        type={placing ? 'primary' : 'default'}
        data-testid="facility-add"
        onClick={() => setPlacement(placing ? null : { kind: 'newFacility', type })}
      >
        {t('facility.add')}
      </Button>
      <Button size="small" data-testid="facility-import" onClick={() => setImporting(true)}>
        {t('facility.import')}
      </Button>
      {importing ? (
        <Suspense fallback={null}>
          <FacilityImportModal onClose={() => setImporting(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
