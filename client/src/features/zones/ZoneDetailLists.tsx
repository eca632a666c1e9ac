/** A zone's members (a click picks and frames one), neighbour links and the facilities serving it (GET /api/zones/:id/detail). */
import { Alert, List, Skeleton } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZoneApiFeature } from '../../api';
import { formatNumber } from '../../shared/format';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import type { Language } from '../../shared/i18n/languages';
import { useAtlasStore } from '../../state/atlas-store';
import type { ZoneDetailState } from './use-zone-detail';
import { ZONE_DRAWER_WIDTH_PX } from './zone-layout';

interface Props {
  zone: ZoneApiFeature;
  detail: ZoneDetailState;
  language: Language;
}

export function ZoneDetailLists({ zone, detail, language }: Props) {
  const { t } = useTranslation();
  const estates = useAtlasStore((s) => s.data?.estates.features);
  const nameOf = useMemo(() => new Map((estates ?? []).map((f) => [f.id, f.properties.name])), [estates]);
  const members = zone.properties.estateIds.map((id) => ({ id, name: nameOf.get(id) ?? `#${id}` }));
  const n = (value: number) => formatNumber(value, language);

  return (
    <>
      <div className="atlas-zone-section-title">{t('zones.panel.members', { count: members.length })}</div>
      <List
        size="small"
        dataSource={members}
        data-testid="zone-members"
        renderItem={(m) => (
          <List.Item
            className="atlas-zone-list-item"
            title={t('zones.panel.memberTip')}
            data-testid={`zone-member-${m.id}`}
            onClick={() => {
              const store = useAtlasStore.getState();
              store.pickEstates([m.id], 'replace');
              store.requestFlyTo([m.id], ZONE_DRAWER_WIDTH_PX);
            }}
          >
            {m.name}
          </List.Item>
        )}
      />
      {detail.status === 'loading' ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {detail.status === 'error' ? (
        <Alert type="error" showIcon title={t('zones.panel.detailFailed')} description={detail.message} />
      ) : null}
      {detail.status === 'ready' ? (
        <>
          <div className="atlas-zone-section-title" data-testid="zone-links">
            {t('zones.panel.links', { count: detail.detail.links.length })}
          </div>
          <List
            size="small"
            dataSource={detail.detail.links}
            renderItem={(link) => (
              <List.Item>
                {t('zones.panel.linkItem', {
                  a: nameOf.get(link.properties.a) ?? `#${link.properties.a}`,
                  b: nameOf.get(link.properties.b) ?? `#${link.properties.b}`,
                  distance: n(link.properties.distanceM),
                })}
              </List.Item>
            )}
          />
          <div className="atlas-zone-section-title">{t('zones.panel.facilities', { count: detail.detail.facilities.length })}</div>
          <List
            size="small"
            data-testid="zone-facilities"
            locale={{ emptyText: t('zones.panel.facilitiesNone') }}
            dataSource={[...detail.detail.facilities].sort((a, b) => a.properties.distanceM - b.properties.distanceM)}
            renderItem={(f) => (
              <List.Item
                extra={
                  <span className="atlas-secondary">
                    {f.properties.distanceM <= 0
                      ? t('zones.panel.facilityInside')
                      : t('zones.panel.facilityDistance', { distance: n(f.properties.distanceM) })}
                  </span>
                }
              >
                <List.Item.Meta title={f.properties.name} description={facilityTypeName(f.properties.type, language)} />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </>
  );
}
