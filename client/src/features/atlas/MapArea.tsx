/** The map region: loading and error states, then the map with its tooltip and estate panel. */
import { Alert, Button, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { loadAtlasData } from '../../state/load-data';
import { EstatePanel } from './EstatePanel';
import { FacilityPanel } from '../facilities/FacilityPanel';
import { CreateZoneModal } from '../zones/CreateZoneModal';
import { ZoneDrawer } from '../zones/ZoneDrawer';

// MapLibre and deck.gl are most of the bundle; load them alongside the data, not before the frame.
const MapView = lazy(() => import('./MapView').then((m) => ({ default: m.MapView })));
// ECharts comes with the dashboard, when it is first opened.
const DashboardDrawer = lazy(() => import('../programme/DashboardDrawer').then((m) => ({ default: m.DashboardDrawer })));

export function MapArea() {
  const { t } = useTranslation();
  const status = useAtlasStore((s) => s.status);
  const data = useAtlasStore((s) => s.data);
  const error = useAtlasStore((s) => s.error);
  const dashboardOpen = useAtlasStore((s) => s.dashboardOpen);
  return (
    <div className="atlas-map-area">
      {data ? (
        <Suspense fallback={null}>
          <MapView data={data} />
        </Suspense>
      ) : null}
      {status === 'loading' || status === 'idle' ? (
        <div className="atlas-map-overlay" data-testid="map-loading">
          <Spin size="large" />
          <div className="atlas-map-overlay-text">{t('status.loading')}</div>
        </div>
      ) : null}
      {status === 'error' ? (
        <div className="atlas-map-overlay">
          <Alert
            data-testid="load-error"
            type="error"
            showIcon
            className="atlas-load-error"
            title={t('status.loadFailed')}
            description={error}
            action={
              <Button size="small" danger onClick={() => void loadAtlasData()}>
                {t('status.retry')}
              </Button>
            }
          />
        </div>
      ) : null}
      {data && dashboardOpen ? (
        <Suspense fallback={null}>
          <DashboardDrawer />
        </Suspense>
      ) : null}
      {data ? <ZoneDrawer /> : null}
      {data ? <EstatePanel /> : null}
      {data ? <FacilityPanel /> : null}
      {data ? <CreateZoneModal /> : null}
    </div>
  );
}
