/** Above the facility legend: add a facility of a chosen type with a map click, or import a file of them. */
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityTypeId } from '../../../../core/facility-catalogue';
import { FacilityTypeSelect } from './FacilityTypeSelect';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import './facilities.css';

// The import reads files with exceljs and shpjs: loaded when opened, not with the map.
const FacilityImportModal = lazy(() => import('./FacilityImportModal').then((m) => ({ default: m.FacilityImportModal })));

export function FacilityTools() {
  const { t } = useTranslation();
  const placing = useAtlasStore((s) => s.mapPlacement?.kind === 'newFacility');
  const setPlacement = useAtlasStore((s) => s.setMapPlacement);
  const canEdit = useCan('facilities.write');
  const [type, setType] = useState<FacilityTypeId>('kindergarten');
  const [importing, setImporting] = useState(false);
  if (!canEdit) return null;

  return (
    <div className="facility-tools" data-testid="facility-tools">
      <FacilityTypeSelect
        value={type}
        onChange={setType}
        testId="facility-add-type"
        ariaLabel={t('facility.addType')}
        className="facility-tools-type"
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
