/** Side panel with every ledger field of the selected estate (core/estate.ts). */
import { Descriptions, Tag } from 'antd';
import { SidePanel } from './SidePanel';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { EstateApiProperties } from '../../api';
import { formatDateTime, formatNumber, m2ToMu } from '../../shared/format';
import { rgbToCss } from '../../../../core/colour';
import { estateStatus } from '../../../../core/estate-status';
import { LEDGER_FIELDS } from '../../../../core/ledger-fields';
import { STATUS_COLOURS } from '../../map/estate-colours';
import { useAtlasStore } from '../../state/atlas-store';
import type { Language } from '../../shared/i18n/languages';
import { formatLedgerValue } from '../../shared/ledger-format';
import { EstateHistory } from './EstateHistory';
import { EstateCoverageSection } from '../coverage/EstateCoverageSection';
import { ProgressSection } from '../programme/ProgressSection';

/** The record's bookkeeping, after the ledger fields. */
const RECORD_FIELDS = ['version', 'createdAt', 'updatedAt'] as const;

// i18next's own TFunction: react-i18next's hook type multiplies the instantiations of a large resource (TS2589).
type T = TFunction;

/** Every ledger field of the registry in its order, then the record's version and times. */
export function panelItems(p: EstateApiProperties, t: T, language: Language): NonNullable<DescriptionsProps['items']> {
  const ledger = LEDGER_FIELDS.map((field) => {
    const value = formatLedgerValue(field.key, p[field.key], language);
    // Land area also in 亩, the unit planners quote for sites.
    const children =
      field.key === 'landAreaM2' ? (
        <span data-testid="estate-land-area">
          {value} m²<span className="atlas-secondary"> ({t('units.mu', { value: formatNumber(m2ToMu(p.landAreaM2), language, 2) })})</span>
        </span>
      ) : (
        value
      );
    return { key: field.key, label: field.label[language], children: <span data-testid={`estate-field-${field.key}`}>{children}</span> };
  });
  const record = RECORD_FIELDS.map((key) => ({
    key,
    label: t(`estate.fields.${key}`),
    children: <span data-testid={`estate-field-${key}`}>{key === 'version' ? String(p.version) : formatDateTime(p[key], language)}</span>,
  }));
  return [...ledger, ...record];
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
  const items: DescriptionsProps['items'] = p ? panelItems(p, t, language) : [];

  return (
    <SidePanel
      open={Boolean(p)}
      onClose={clearSelection}
      closeLabel={t('estate.close')}
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
          {estate ? <ProgressSection estateId={estate.id} /> : null}
          {estate ? <EstateCoverageSection estateId={estate.id} /> : null}
          <Descriptions column={1} size="small" bordered items={items} className="atlas-descriptions" />
          {estate ? <EstateHistory estateId={estate.id} version={p.version} language={language} /> : null}
        </div>
      ) : null}
    </SidePanel>
  );
}
