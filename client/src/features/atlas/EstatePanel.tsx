/** Side panel with every ledger field of the selected estate (core/estate.ts). */
import { Descriptions, Drawer, Tag } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstateApiProperties } from '../../api';
import { formatDateTime, formatNumber, m2ToMu } from '../../shared/format';
import { rgbToCss } from '../../map/colours';
import { estateStatus } from '../../../../core/estate-status';
import { STATUS_COLOURS } from '../../map/estate-colours';
import { useAtlasStore } from '../../state/atlas-store';
import type { Language } from '../../shared/i18n/languages';
import { ESTATE_FIELD_ORDER, type EstateField } from '../../shared/estate-fields';

/** Width of the panel over the map's right-hand side. */
export const ESTATE_PANEL_WIDTH_PX = 380;


type T = ReturnType<typeof useTranslation>['t'];

function fieldValue(field: EstateField, p: EstateApiProperties, t: T, language: Language): React.ReactNode {
  const yesNo = (value: boolean) => (value ? t('estate.yes') : t('estate.no'));
  const text = (value: string) => (value.trim() ? value : t('estate.empty'));
  switch (field) {
    case 'yearBuilt':
      return p.yearBuilt === null ? t('estate.empty') : t('estate.yearValue', { value: p.yearBuilt });
    case 'buildings':
      return t('units.buildings', { value: formatNumber(p.buildings, language) });
    case 'households':
      return t('units.households', { value: formatNumber(p.households, language) });
    case 'floorAreaM2':
      return t('units.m2', { value: formatNumber(p.floorAreaM2, language) });
    case 'landAreaM2':
      return (
        <span data-testid="estate-land-area">
          {t('units.m2', { value: formatNumber(p.landAreaM2, language) })}
          <span className="atlas-secondary"> ({t('units.mu', { value: formatNumber(m2ToMu(p.landAreaM2), language, 2) })})</span>
        </span>
      );
    case 'propertyType':
      return t(`estate.propertyType.${p.propertyType}`, { defaultValue: p.propertyType });
    case 'hazardLevel':
      return t(`estate.hazardLevel.${p.hazardLevel}`, { defaultValue: p.hazardLevel });
    case 'hasPropertyManagement':
    case 'hasOwnersCommittee':
    case 'urgent':
    case 'eligible':
      return yesNo(p[field]);
    case 'willingnessPct':
      return p.willingnessPct === null ? t('estate.notSurveyed') : t('estate.willingness', { value: formatNumber(p.willingnessPct, language) });
    case 'version':
      return String(p.version);
    case 'createdAt':
    case 'updatedAt':
      return formatDateTime(p[field], language);
    case 'code':
    case 'name':
    case 'address':
    case 'district':
    case 'subdistrict':
    case 'community':
    case 'originalOwnerUnit':
    case 'notes':
      return text(p[field]);
  }
}

export function EstatePanel() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const selectedId = useAtlasStore((s) => s.selectedEstateId);
  const estates = useAtlasStore((s) => s.data?.estates.features);
  const clearSelection = useAtlasStore((s) => s.clearSelection);
  const estate = selectedId === null ? undefined : estates?.find((f) => f.id === selectedId);
  const p = estate?.properties;

  const status = p ? estateStatus(p) : null;
  const items: DescriptionsProps['items'] = p
    ? ESTATE_FIELD_ORDER.map((field) => ({
        key: field,
        label: t(`estate.fields.${field}`),
        children: <span data-testid={`estate-field-${field}`}>{fieldValue(field, p, t, language)}</span>,
      }))
    : [];

  return (
    <Drawer
      open={Boolean(p)}
      onClose={clearSelection}
      placement="right"
      mask={false}
      getContainer={false}
      size={ESTATE_PANEL_WIDTH_PX}
      rootClassName="atlas-estate-drawer"
      destroyOnHidden
      autoFocus={false}
      closable={{ 'aria-label': t('estate.close') }}
      title={
        p ? (
          <div className="atlas-panel-title">
            <span className="atlas-panel-name" data-testid="estate-panel-name">
              {p.name}
            </span>
            {status ? (
              <Tag color={rgbToCss(STATUS_COLOURS[status])} className="atlas-panel-tag" data-testid="estate-panel-status">
                {t(`legend.${status}`)}
              </Tag>
            ) : null}
          </div>
        ) : (
          t('estate.panelTitle')
        )
      }
    >
      {p ? (
        <div data-testid="estate-panel">
          <Descriptions column={1} size="small" bordered items={items} className="atlas-descriptions" />
        </div>
      ) : null}
    </Drawer>
  );
}
