/** The headline figures (design.md §5): starts and completions, start rate against plan and target, investment, progress, key items. */
import { useTranslation } from 'react-i18next';
import type { DashboardAnswer } from '../../../../core/contract/index';
import { KEY_COUNTS, KEY_COUNT_LABELS } from '../../../../core/programme/renovation-items';
import { formatHeadlineArea, formatNumber, formatPct, formatYuan } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="programme-kpi" data-testid={testId}>
      <div className="programme-kpi-label">{label}</div>
      <div className="programme-kpi-value">{value}</div>
      {detail ? <div className="programme-kpi-detail">{detail}</div> : null}
    </div>
  );
}

export function KpiCards({ answer }: { answer: DashboardAnswer }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const n = (value: number) => formatNumber(value, language);
  const area = formatHeadlineArea(answer.started.floorAreaM2, language);
  const rate = answer.startRate;
  return (
    <div className="programme-kpis" data-testid="programme-kpis">
      <Kpi
        testId="kpi-started"
        label={t('programme.kpi.started')}
        value={t('programme.kpi.estates', { n: n(answer.started.estates) })}
        detail={t('programme.kpi.households', { n: n(answer.started.households) })}
      />
      <Kpi
        testId="kpi-completed"
        label={t('programme.kpi.completed')}
        value={t('programme.kpi.estates', { n: n(answer.completed.estates) })}
        detail={t('programme.kpi.households', { n: n(answer.completed.households) })}
      />
      <Kpi
        testId="kpi-start-rate"
        label={t('programme.kpi.startRate', { year: answer.year })}
        value={formatPct(rate.byEstates, language)}
        detail={t('programme.kpi.startRateDetail', {
          households: formatPct(rate.byHouseholds, language),
          started: n(rate.started.estates),
          planned: n(rate.planned.estates),
          target: answer.plan?.targetEstates === null || answer.plan === null ? '—' : n(answer.plan.targetEstates),
        })}
      />
      <Kpi
        testId="kpi-progress"
        label={t('programme.kpi.progress')}
        value={formatPct(answer.physicalProgressPct === null ? null : answer.physicalProgressPct / 100, language)}
        detail={t('programme.kpi.progressTarget', {
          target: answer.plan?.targetProgressPct ?? '—',
          date: answer.plan?.targetProgressDate ?? '—',
        })}
      />
      <Kpi
        testId="kpi-investment"
        label={t('programme.kpi.investment')}
        value={formatYuan(answer.investment.doneYuan, language)}
        detail={t('programme.kpi.ofPlanned', { planned: formatYuan(answer.investment.plannedYuan, language) })}
      />
      <Kpi
        testId="kpi-area"
        label={t('programme.kpi.area')}
        value={`${area.value} ${area.unit}`}
        detail={t('programme.kpi.buildings', { n: n(answer.started.buildings) })}
      />
      <div className="programme-key-counts" data-testid="kpi-items">
        {KEY_COUNTS.map((key) => (
          <span key={key} className="programme-key-count">
            {KEY_COUNT_LABELS[key][language]} <b>{formatNumber(answer.itemCounts[key], language, key === 'pipesKm' ? 1 : 0)}</b>{' '}
            {KEY_COUNT_LABELS[key].unit[language]}
          </span>
        ))}
      </div>
    </div>
  );
}
