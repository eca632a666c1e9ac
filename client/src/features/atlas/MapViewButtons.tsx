/** Buttons over the map that frame the home city or every estate loaded (after an import from elsewhere). */
import { memo } from 'react';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstateApiFeature } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { homeEstates } from './home-estates';
import './map-view-buttons.css';

export const MapViewButtons = memo(function MapViewButtons({ estates }: { estates: readonly EstateApiFeature[] }) {
  const { t } = useTranslation();
  const frame = (targets: readonly EstateApiFeature[]) =>
    useAtlasStore.getState().requestFlyTo(
      targets.map((f) => f.id),
      0,
    );
  return (
    <div className="atlas-map-view-buttons">
      <Tooltip title={t('mapView.wholeCityTip')} placement="left">
        <Button size="small" data-testid="view-whole-city" onClick={() => frame(homeEstates(estates))}>
          {t('mapView.wholeCity')}
        </Button>
      </Tooltip>
      <Tooltip title={t('mapView.allDataTip')} placement="left">
        <Button size="small" data-testid="view-all-data" onClick={() => frame(estates)}>
          {t('mapView.allData')}
        </Button>
      </Tooltip>
    </div>
  );
});
