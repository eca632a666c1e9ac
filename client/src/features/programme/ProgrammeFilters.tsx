/** The leaders' filter: plan year, batch, stages and categories (sub-districts are the atlas filter's, in the left panel). */
import { Select } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { RENOVATION_CATEGORIES, RENOVATION_CATEGORY_LABELS, type RenovationCategory } from '../../../../core/programme/renovation-items';
import type { StageId } from '../../../../core/programme/stages';
import { useAtlasStore } from '../../state/atlas-store';

/** Memoised: it reads the store itself, so the drawer's loading mark does not re-render it. */
export const ProgrammeFilters = memo(function ProgrammeFilters() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const filter = useAtlasStore((s) => s.programmeFilter);
  const setProgrammeFilter = useAtlasStore((s) => s.setProgrammeFilter);
  const answer = useAtlasStore((s) => s.dashboard);
  // From the plans, not the estates listed: a tiled city's answer lists only the estates its map holds.
  const plans = answer?.planBatches ?? [];
  const years = plans.map((plan) => plan.year);
  const batches = [
    ...new Set(plans.filter((plan) => filter.planYear === null || plan.year === filter.planYear).flatMap((plan) => plan.batches)),
  ].sort((a, b) => a - b);

  return (
    <div className="programme-filters" data-testid="programme-filters">
      <Select
        allowClear
        size="small"
        placeholder={t('programme.filter.year')}
        value={filter.planYear ?? undefined}
        options={years.map((year) => ({ value: year, label: t('programme.filter.yearValue', { year }) }))}
        onChange={(year?: number) => setProgrammeFilter({ planYear: year ?? null, batch: null })}
        aria-label={t('programme.filter.year')}
        data-testid="programme-filter-year"
      />
      <Select
        allowClear
        size="small"
        placeholder={t('programme.filter.batch')}
        value={filter.batch ?? undefined}
        options={batches.map((batch) => ({ value: batch, label: t('programme.filter.batchValue', { batch }) }))}
        onChange={(batch?: number) => setProgrammeFilter({ batch: batch ?? null })}
        aria-label={t('programme.filter.batch')}
        data-testid="programme-filter-batch"
      />
      <Select
        mode="multiple"
        allowClear
        size="small"
        maxTagCount="responsive"
        placeholder={t('programme.filter.stage')}
        value={[...filter.stages]}
        options={catalogue.stages.map((s) => ({ value: s.id, label: s.label[language] }))}
        onChange={(stages: StageId[]) => setProgrammeFilter({ stages })}
        aria-label={t('programme.filter.stage')}
        data-testid="programme-filter-stage"
      />
      <Select
        mode="multiple"
        allowClear
        size="small"
        maxTagCount="responsive"
        placeholder={t('programme.filter.category')}
        value={[...filter.categories]}
        options={RENOVATION_CATEGORIES.map((c) => ({ value: c, label: RENOVATION_CATEGORY_LABELS[c][language] }))}
        onChange={(categories: RenovationCategory[]) => setProgrammeFilter({ categories })}
        aria-label={t('programme.filter.category')}
        data-testid="programme-filter-category"
      />
    </div>
  );
});
