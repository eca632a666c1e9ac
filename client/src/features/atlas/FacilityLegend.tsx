/** Facility types by life-circle tier, with their map colour, count and an on/off box each. */
import { Button, Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { FACILITY_CATALOGUE, FACILITY_TYPE_IDS, LIFE_CIRCLE_TIERS } from '../../../../core/facility-catalogue';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { rgbToCss } from '../../../../core/colour';
import { facilityColour } from '../../map/facility-style';
import { useAtlasStore } from '../../state/atlas-store';
import { useFacilityCounts } from './use-facility-counts';

export function FacilityLegend() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const hidden = useAtlasStore((s) => s.hiddenFacilityTypes);
  const layerOn = useAtlasStore((s) => s.visibleLayers.facilities);
  const setVisible = useAtlasStore((s) => s.setFacilityTypeVisible);
  const setAllVisible = useAtlasStore((s) => s.setAllFacilityTypesVisible);

  const counts = useFacilityCounts();

  return (
    <div className={`atlas-facility-legend${layerOn ? '' : ' atlas-muted'}`}>
      <div className="atlas-facility-actions">
        <Button size="small" type="link" onClick={() => setAllVisible(true, FACILITY_TYPE_IDS)}>
          {t('legend.showAll')}
        </Button>
        <Button size="small" type="link" onClick={() => setAllVisible(false, FACILITY_TYPE_IDS)}>
          {t('legend.hideAll')}
        </Button>
      </div>
      {LIFE_CIRCLE_TIERS.map((tier) => (
        <div key={tier} className="atlas-tier">
          <div className="atlas-tier-title">{t(`legend.tiers.${tier}`)}</div>
          <ul className="atlas-legend-list">
            {FACILITY_CATALOGUE.filter((f) => f.tier === tier).map((f) => (
              <li key={f.id} className="atlas-legend-item" data-testid={`facility-legend-${f.id}`}>
                <Checkbox
                  checked={!hidden.includes(f.id)}
                  onChange={(e) => setVisible(f.id, e.target.checked)}
                  className="atlas-facility-check"
                >
                  <span className="atlas-dot" style={{ background: rgbToCss(facilityColour(f.id)) }} />
                  <span className="atlas-legend-label" title={facilityTypeName(f.id, language)}>
                    {facilityTypeName(f.id, language)}
                  </span>
                </Checkbox>
                <span className="atlas-count">{counts.get(f.id) ?? 0}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
