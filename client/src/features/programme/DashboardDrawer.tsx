/** The leaders' dashboard (驾驶舱) beside the map: replay, filter, headline figures, charts, this period's changes and the report. */
import { Alert, Button, Drawer } from 'antd';
import { memo, useState } from 'react';
import type { DashboardAnswer } from '../../../../core/contract/index';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../state/use-can';
import { PlanEditor } from './PlanEditor';
import { useAtlasStore } from '../../state/atlas-store';
import { ChangesList } from './ChangesList';
import { DashboardCharts } from './DashboardCharts';
import { KpiCards } from './KpiCards';
import { PeriodReportButton } from './PeriodReportButton';
import { ProgrammeFilters } from './ProgrammeFilters';
import { ReplayBar } from './ReplayBar';
import './programme.css';

/** Width of the dashboard over the map's left-hand side; on a narrow window at most 40 % of it, leaving the map room beside an estate panel. */
const DASHBOARD_WIDTH_PX = 460;
const DASHBOARD_MAX_SHARE = 0.4;

export function DashboardDrawer() {
  const { t } = useTranslation();
  const open = useAtlasStore((s) => s.dashboardOpen);
  const setDashboardOpen = useAtlasStore((s) => s.setDashboardOpen);
  const answer = useAtlasStore((s) => s.dashboard);
  const status = useAtlasStore((s) => s.dashboardStatus);
  const error = useAtlasStore((s) => s.dashboardError);
  const setProgrammeFilter = useAtlasStore((s) => s.setProgrammeFilter);
  const setFilter = useAtlasStore((s) => s.setFilter);
  const canPlan = useCan('progress.write');
  const [planOpen, setPlanOpen] = useState(false);
  return (
    <Drawer
      open={open}
      onClose={() => setDashboardOpen(false)}
      placement="left"
      mask={false}
      getContainer={false}
      size={Math.min(DASHBOARD_WIDTH_PX, Math.round(window.innerWidth * DASHBOARD_MAX_SHARE))}
      rootClassName="programme-drawer"
      autoFocus={false}
      closable={{ 'aria-label': t('programme.close') }}
      title={
        <span className="programme-title">
          {t('programme.title')}
          {/* Always there, shown while loading: mounting antd's Spin for each reload took about 10 ms of a stage change's script. */}
          <span
            className={status === 'loading' ? 'programme-title-spin is-loading' : 'programme-title-spin'}
            data-testid="dashboard-loading"
          />
        </span>
      }
      extra={
        <span className="programme-extra">
          {canPlan ? (
            <Button size="small" onClick={() => setPlanOpen(true)} data-testid="plan-open">
              {t('programme.plan.open')}
            </Button>
          ) : null}
          <PeriodReportButton />
        </span>
      }
      data-testid="dashboard"
    >
      <ReplayBar />
      <ProgrammeFilters />
      <Button
        size="small"
        type="link"
        className="programme-clear"
        onClick={() => {
          setProgrammeFilter({ planYear: null, batch: null, stages: [], categories: [] });
          setFilter({ subdistrictCodes: [] });
        }}
        data-testid="programme-filter-clear"
      >
        {t('programme.filter.clear')}
      </Button>
      {error ? <Alert type="error" showIcon title={t('programme.loadFailed')} description={error} /> : null}
      {planOpen ? <PlanEditor open={planOpen} onClose={() => setPlanOpen(false)} /> : null}
      {answer ? <DashboardBody answer={answer} /> : null}
    </Drawer>
  );
}

/** The figures and charts, memoised on the answer: a planner's entry marks the drawer as loading, and that alone re-renders none of them. */
const DashboardBody = memo(function DashboardBody({ answer }: { answer: DashboardAnswer }) {
  return (
    <div data-testid="dashboard-body" data-as-of={answer.asOf}>
      <KpiCards answer={answer} />
      <ChangesList answer={answer} />
      <DashboardCharts answer={answer} />
    </div>
  );
});
