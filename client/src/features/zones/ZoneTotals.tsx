/** The figures of a set of estates (core/estate-totals.ts): the picked estates, a zone, a suggestion. */
import { useTranslation } from 'react-i18next';
import type { Summary } from '../../api';
import { formatHeadlineArea, formatNumber } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';

export function ZoneTotals({ totals, language, testId }: { totals: Summary; language: Language; testId: string }) {
  const { t } = useTranslation();
  const n = (value: number) => formatNumber(value, language);
  const withUnknown = (text: string, unknown: number) => (unknown > 0 ? t('zones.totals.unknown', { value: text, count: unknown }) : text);
  const floor = formatHeadlineArea(totals.floorAreaM2, language);
  const land = formatHeadlineArea(totals.landAreaM2, language);
  const rows = [
    { key: 'estates', label: t('zones.totals.estates'), value: n(totals.estates) },
    { key: 'buildings', label: t('zones.totals.buildings'), value: withUnknown(n(totals.buildings), totals.unknown.buildings) },
    { key: 'households', label: t('zones.totals.households'), value: withUnknown(n(totals.households), totals.unknown.households) },
    {
      key: 'floor-area',
      label: t('zones.totals.floorArea'),
      value: withUnknown(`${floor.value} ${floor.unit}`, totals.unknown.floorAreaM2),
    },
    { key: 'land-area', label: t('zones.totals.landArea'), value: `${land.value} ${land.unit}` },
    { key: 'eligible', label: t('zones.totals.eligible'), value: n(totals.eligible) },
    { key: 'urgent', label: t('zones.totals.urgent'), value: n(totals.urgent) },
  ];
  return (
    <div className="atlas-zone-totals" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.key} className="atlas-zone-total">
          <span className="atlas-zone-total-label">{row.label}</span>
          <span data-testid={`${testId}-${row.key}`}>{row.value}</span>
        </div>
      ))}
    </div>
  );
}
