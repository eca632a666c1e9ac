/** "Changes since last report": the estates whose stage changed in the reporting period of the replay date. */
import { Button, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardAnswer } from '../../../../core/contract/index';
import { dayBefore, REPORTING_PERIODS, type ReportingPeriodKind } from '../../../../core/programme/reporting-period';
import { useAtlasStore } from '../../state/atlas-store';

/** At most this many rows; the period report lists them all. */
const MAX_ROWS = 30;

export function ChangesList({ answer }: { answer: DashboardAnswer }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const selectEstate = useAtlasStore((s) => s.selectEstate);
  const requestFlyTo = useAtlasStore((s) => s.requestFlyTo);
  const setReplayDate = useAtlasStore((s) => s.setReplayDate);
  const setReportingPeriod = useAtlasStore((s) => s.setReportingPeriod);
  const { period, changes } = answer;
  return (
    <section className="programme-changes" data-testid="programme-changes">
      <h3 className="programme-chart-title">
        {t(period.kind === 'half_month' ? 'programme.changes.titleHalfMonth' : 'programme.changes.titleMonth', {
          from: period.from,
          to: period.to,
          n: changes.length,
        })}
      </h3>
      <Segmented<ReportingPeriodKind>
        size="small"
        value={period.kind}
        options={REPORTING_PERIODS.map((kind) => ({ value: kind, label: t(`programme.changes.${kind}`) }))}
        onChange={setReportingPeriod}
        aria-label={t('programme.changes.period')}
        data-testid="changes-period"
      />
      {changes.length === 0 ? <p className="programme-note">{t('programme.changes.none')}</p> : null}
      <Button
        size="small"
        type="link"
        className="programme-clear"
        onClick={() => setReplayDate(dayBefore(period.from))}
        data-testid="changes-previous"
      >
        {t('programme.changes.previous')}
      </Button>
      <ul className="programme-change-list">
        {changes.slice(0, MAX_ROWS).map((change) => (
          <li key={change.estateId} data-testid={`change-${change.estateId}`}>
            <Button
              type="link"
              size="small"
              onClick={() => {
                selectEstate(change.estateId);
                requestFlyTo([change.estateId]);
              }}
            >
              {change.name}
            </Button>
            <span className="programme-change-stages">
              {catalogue.label(change.from, language)} → {catalogue.label(change.to, language)}
            </span>
          </li>
        ))}
      </ul>
      {changes.length > MAX_ROWS ? <p className="programme-note">{t('programme.changes.more', { n: changes.length - MAX_ROWS })}</p> : null}
    </section>
  );
}
