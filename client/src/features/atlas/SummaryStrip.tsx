/**
 * Headline figures of the estates that pass the atlas filter, computed in the browser with
 * core/estate-totals.ts, so they always agree with the map and the ledger (use-summary-figures.ts
 * says where a city drawn from tiles gets them). A sum over estates
 * with unknown values says how many it leaves out.
 */
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatHeadlineArea, formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useSummaryFigures } from './use-summary-figures';
import type { Summary } from '../../api';

type Item = {
  key: string;
  label: string;
  value: (s: Summary) => string;
  unit?: string;
  /** Estates whose value is unknown, left out of this sum. */
  unknown?: (s: Summary) => number;
  tone?: 'eligible' | 'urgent';
};

export function SummaryStrip() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const summary = useSummaryFigures();
  const n = (value: number) => formatNumber(value, language);

  const items: Item[] = [
    { key: 'estates', label: t('summary.estates'), value: (s) => n(s.estates) },
    { key: 'households', label: t('summary.households'), value: (s) => n(s.households), unknown: (s) => s.unknown.households },
    {
      key: 'floor-area',
      label: t('summary.floorArea'),
      value: (s) => formatHeadlineArea(s.floorAreaM2, language).value,
      unit: formatHeadlineArea(0, language).unit,
      unknown: (s) => s.unknown.floorAreaM2,
    },
    { key: 'buildings', label: t('summary.buildings'), value: (s) => n(s.buildings), unknown: (s) => s.unknown.buildings },
    { key: 'eligible', label: t('summary.eligible'), value: (s) => n(s.eligible), tone: 'eligible' },
    { key: 'urgent', label: t('summary.urgent'), value: (s) => n(s.urgent), tone: 'urgent' },
  ];

  return (
    <div className="atlas-summary" data-testid="summary" aria-busy={!summary}>
      {items.map((item) => {
        const unknown = summary && item.unknown ? item.unknown(summary) : 0;
        return (
          <div key={item.key} className={`atlas-stat${item.tone ? ` atlas-stat-${item.tone}` : ''}`}>
            <div className="atlas-stat-label">{item.label}</div>
            {summary ? (
              <div className="atlas-stat-value" data-testid={`summary-${item.key}`}>
                {item.value(summary)}
                {item.unit ? <span className="atlas-stat-unit">{item.unit}</span> : null}
                {unknown > 0 ? (
                  <span className="atlas-stat-unit" data-testid={`summary-${item.key}-unknown`}>
                    {t('summary.unknown', { count: unknown, value: n(unknown) })}
                  </span>
                ) : null}
              </div>
            ) : (
              <Skeleton.Input active size="small" className="atlas-stat-skeleton" />
            )}
          </div>
        );
      })}
    </div>
  );
}
