/** Every zone with its size; a click opens the zone and frames it on the map. */
import { Alert, Empty, List } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { loadZones } from '../../state/load-zones';
import { ZONE_DRAWER_WIDTH_PX } from './zone-layout';

export function ZoneList() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const zones = useAtlasStore((s) => s.zones);
  const error = useAtlasStore((s) => s.zonesError);
  // Opening the list fetches it again: colleagues may have created or changed zones meanwhile.
  useEffect(() => {
    const controller = new AbortController();
    void loadZones(controller.signal);
    return () => controller.abort();
  }, []);
  if (error) return <Alert type="error" showIcon title={t('zones.list.loadFailed')} description={error} />;
  if (zones && zones.length === 0) return <Empty description={t('zones.list.empty')} data-testid="zone-list-empty" />;
  const sorted = [...(zones ?? [])].sort((a, b) => a.properties.name.localeCompare(b.properties.name, language === 'zh' ? 'zh-CN' : 'en'));
  return (
    <>
      <div className="atlas-secondary">{t('zones.list.count', { count: sorted.length })}</div>
      <List
        size="small"
        loading={zones === null}
        dataSource={sorted}
        data-testid="zone-list"
        renderItem={(zone) => (
          <List.Item
            className="atlas-zone-list-item"
            data-testid={`zone-list-item-${zone.id}`}
            onClick={() => {
              const store = useAtlasStore.getState();
              store.openZone(zone.id);
              store.requestFlyToFeatures([zone], ZONE_DRAWER_WIDTH_PX);
            }}
          >
            <List.Item.Meta
              title={zone.properties.name}
              description={t('zones.list.summary', {
                estates: formatNumber(zone.properties.totals.estates, language),
                households: formatNumber(zone.properties.totals.households, language),
              })}
            />
          </List.Item>
        )}
      />
    </>
  );
}
