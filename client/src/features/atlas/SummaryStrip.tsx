/** Headline figures for the current sub-district filter, from GET /api/summary. */
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatHeadlineArea, formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import type { Summary } from '../../api';

type Item = { key: string; label: string; value: (s: Summary) => string; unit?: string; tone?: 'eligible' | 'urgent' };

export function SummaryStrip() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const summary = useAtlasStore((s) => s.summary);
  const status = useAtlasStore((s) => s.summaryStatus);
  const error = useAtlasStore((s) => s.summaryError);

  const items: Item[] = [
    { key: 'estates', label: t('summary.estates'), value: (s) => formatNumber(s.estates, language) },
    { key: 'households', label: t('summary.households'), value: (s) => formatNumber(s.households, language) },
    { key: 'floor-area', label: t('summary.floorArea'), value: (s) => formatHeadlineArea(s.floorAreaM2, language).value, unit: formatHeadlineArea(0, language).unit },
    { key: 'buildings', label: t('summary.buildings'), value: (s) => formatNumber(s.buildings, language) },
    { key: 'eligible', label: t('summary.eligible'), value: (s) => formatNumber(s.eligible, language), tone: 'eligible' },
    { key: 'urgent', label: t('summary.urgent'), value: (s) => formatNumber(s.urgent, language), tone: 'urgent' },
  ];

  if (status === 'error' && !summary) {
    return (
      <div className="atlas-summary" data-testid="summary">
        <Alert type="warning" showIcon title={t('summary.failed')} description={error} className="atlas-summary-alert" />
      </div>
    );
  }

  return (
    <div className="atlas-summary" data-testid="summary" aria-busy={status === 'loading'}>
      {items.map((item) => (
        <div key={item.key} className={`atlas-stat${item.tone ? ` atlas-stat-${item.tone}` : ''}`}>
          <div className="atlas-stat-label">{item.label}</div>
          {summary ? (
            <div className="atlas-stat-value" data-testid={`summary-${item.key}`}>
              {item.value(summary)}
              {item.unit ? <span className="atlas-stat-unit">{item.unit}</span> : null}
            </div>
          ) : (
            <Skeleton.Input active size="small" className="atlas-stat-skeleton" />
          )}
        </div>
      ))}
    </div>
  );
}
