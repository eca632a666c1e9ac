/**
 * What-if: place a facility of a type on the map and see the coverage computed again with it —
 * which gaps close, and the city's share of households within reach of the type. Nothing is saved
 * until the designer keeps the trial facilities as planned ones.
 */
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityTypeId } from '../../../../core/facility-catalogue';
import { FacilityTypeSelect } from '../facilities/FacilityTypeSelect';
import { formatNumber } from '../../shared/format';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { SavePlannedButton } from '../facilities/SavePlannedButton';
import { NewlyCovered } from './NewlyCovered';

export function WhatIfFacility({ suggestedType }: { suggestedType: FacilityTypeId }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const coverage = useAtlasStore((s) => s.coverage);
  const placing = useAtlasStore((s) => s.mapPlacement?.kind === 'whatIf');
  const virtualCount = useAtlasStore((s) => s.virtualFacilities.length);
  const setPlacement = useAtlasStore((s) => s.setMapPlacement);
  const clearVirtual = useAtlasStore((s) => s.clearVirtualFacilities);
  const canSave = useCan('facilities.write');
  const [type, setType] = useState<FacilityTypeId>(suggestedType);

  let households = 0;
  let covered = 0;
  for (const result of coverage.byEstate.values()) {
    households += result.households;
    if (result.types[type]?.covered) covered += result.households;
  }
  const pct = households > 0 ? (100 * covered) / households : 0;

  return (
    <div className="coverage-whatif" data-testid="whatif">
      <div className="coverage-tier-title">{t('coverage.whatIf.title')}</div>
      <div className="coverage-whatif-row">
        <FacilityTypeSelect
          value={type}
          onChange={setType}
          testId="whatif-type"
          ariaLabel={t('coverage.whatIf.type')}
          className="coverage-whatif-type"
        />
        <Button
          size="small"
          type={placing ? 'primary' : 'default'}
          data-testid="whatif-place"
          onClick={() => setPlacement(placing ? null : { kind: 'whatIf', type })}
        >
          {placing ? t('coverage.whatIf.clickMap') : t('coverage.whatIf.place')}
        </Button>
      </div>
      <div className="coverage-origin" data-testid="whatif-city-share">
        {t('coverage.whatIf.cityShare', {
          name: facilityTypeName(type, language),
          covered: formatNumber(covered, language),
          households: formatNumber(households, language),
          pct: formatNumber(pct, language, 1),
        })}
      </div>
      {virtualCount > 0 ? <NewlyCovered type={type} /> : null}
      {virtualCount > 0 ? (
        <div className="coverage-whatif-row">
          <span data-testid="whatif-count">{t('coverage.whatIf.placed', { count: virtualCount })}</span>
          <Button size="small" data-testid="whatif-clear" onClick={clearVirtual}>
            {t('coverage.whatIf.clear')}
          </Button>
          {canSave ? <SavePlannedButton /> : null}
        </div>
      ) : null}
    </div>
  );
}
