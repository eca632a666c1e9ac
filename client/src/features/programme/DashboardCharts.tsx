/** The dashboard's charts; a click on a stage, a sub-district or a category filters the map and every other chart. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardAnswer } from '../../../../core/contract/index';
import { RENOVATION_CATEGORIES } from '../../../../core/programme/renovation-items';
import { useAtlasStore } from '../../state/atlas-store';
import {
  categoryOption,
  chartedSubdistricts,
  fundingOption,
  overTimeOption,
  stageFunnelOption,
  subdistrictBarsOption,
  type ChartWords,
} from './chart-options';
import { EChart } from './EChart';

function ChartBlock({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="programme-chart-block">
      <h3 className="programme-chart-title">{title}</h3>
      {children}
    </section>
  );
}

export function DashboardCharts({ answer }: { answer: DashboardAnswer }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const setFilter = useAtlasStore((s) => s.setFilter);
  const setProgrammeFilter = useAtlasStore((s) => s.setProgrammeFilter);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const words = useMemo<ChartWords>(
    () => ({
      planned: t('programme.chart.planned'),
      started: t('programme.chart.started'),
      completed: t('programme.chart.completed'),
      startTarget: t('programme.chart.startTarget'),
      received: t('programme.chart.received'),
      outstanding: t('programme.chart.outstanding'),
      estatesUnit: t('programme.chart.estatesUnit'),
      tenThousandYuan: t('programme.chart.tenThousandYuan'),
    }),
    [t],
  );
  const options = useMemo(
    () => ({
      funnel: stageFunnelOption(answer, language),
      subdistricts: subdistrictBarsOption(answer, words),
      overTime: overTimeOption(answer, words),
      funding: fundingOption(answer, language, words),
      categories: categoryOption(answer, language, words),
    }),
    [answer, language, words],
  );
  const charted = useMemo(() => chartedSubdistricts(answer), [answer]);
  const subdistrictCodes = charted.rows.map((r) => r.code);
  const subdistrictRows = Math.max(3, subdistrictCodes.length);

  return (
    <div className="programme-charts">
      <ChartBlock title={t('programme.chart.funnel')}>
        <EChart
          testId="chart-funnel"
          ariaLabel={t('programme.chart.funnel')}
          option={options.funnel}
          heightPx={200}
          onClick={({ dataIndex }) => {
            const stage = catalogue.programmeStages[dataIndex];
            if (stage) setProgrammeFilter({ stages: [stage.id] });
          }}
        />
      </ChartBlock>
      <ChartBlock title={t('programme.chart.bySubdistrict')}>
        <EChart
          testId="chart-subdistricts"
          ariaLabel={t('programme.chart.bySubdistrict')}
          option={options.subdistricts}
          heightPx={60 + subdistrictRows * 34}
          onClick={({ dataIndex }) => {
            const code = subdistrictCodes[dataIndex];
            if (code) setFilter({ subdistrictCodes: [code] });
          }}
        />
        {charted.total > charted.rows.length ? (
          <p className="programme-note" data-testid="chart-subdistricts-top">
            {t('programme.chart.topSubdistricts', { shown: charted.rows.length, total: charted.total.toLocaleString() })}
          </p>
        ) : null}
      </ChartBlock>
      <ChartBlock title={t('programme.chart.overTime')}>
        <EChart testId="chart-over-time" ariaLabel={t('programme.chart.overTime')} option={options.overTime} heightPx={200} />
      </ChartBlock>
      <ChartBlock title={t('programme.chart.funding')}>
        <EChart testId="chart-funding" ariaLabel={t('programme.chart.funding')} option={options.funding} heightPx={230} />
        <p className="programme-note" data-testid="subsidy-split">
          {t('programme.chart.subsidySplit', {
            city: answer.localSubsidy.split.city,
            district: answer.localSubsidy.split.district,
            cityWan: Math.round(answer.localSubsidy.planned.cityYuan / 1e4).toLocaleString(),
            districtWan: Math.round(answer.localSubsidy.planned.districtYuan / 1e4).toLocaleString(),
          })}
        </p>
      </ChartBlock>
      <ChartBlock title={t('programme.chart.categories')}>
        <EChart
          testId="chart-categories"
          ariaLabel={t('programme.chart.categories')}
          option={options.categories}
          heightPx={170}
          onClick={({ dataIndex }) => {
            const category = RENOVATION_CATEGORIES[dataIndex];
            if (category) setProgrammeFilter({ categories: [category] });
          }}
        />
      </ChartBlock>
    </div>
  );
}
