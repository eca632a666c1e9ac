/** The selected estate's life circle: where it was measured from, and each missing facility type by tier with its distance. */
import { Alert, Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstateCoverage } from '../../../../core/coverage/coverage';
import type { CoverageType } from '../../../../core/coverage/coverage-types';
import { LIFE_CIRCLE_TIERS } from '../../../../core/facility-catalogue';
import type { CoverageModel } from '../../../../core/contract/coverage';
import { walkSearchLimitM } from '../../../../core/coverage/network-coverage';
import { facilitySearchM } from '../atlas/held-areas';
import { formatNumber } from '../../shared/format';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import type { Language } from '../../shared/i18n/languages';
import { useAtlasStore } from '../../state/atlas-store';
import { CoverageModelSwitch } from './CoverageModelSwitch';
import { GateEditor } from '../facilities/GateEditor';
import { WhatIfFacility } from './WhatIfFacility';
import { GapReportButtons } from './GapReportButtons';
import './coverage.css';

interface GapListProps {
  /** An estate's coverage, or a zone's pooled one. */
  result: Pick<EstateCoverage, 'gaps' | 'types'>;
  types: readonly CoverageType[];
  model: CoverageModel;
  language: Language;
}

export function GapList({ result, types, model, language }: GapListProps) {
  const { t } = useTranslation();
  const tierOf = new Map(types.map((type) => [type.id, type.tier]));
  // A tiled city knows straight-line nearests only as far as it loaded facilities (use-coverage-run.ts).
  const tiled = useAtlasStore((s) => s.heldAreas !== null);
  const noneNear = (radiusM: number): string =>
    model === 'euclidean' && tiled
      ? t('coverage.noneNear.loaded', { limit: formatNumber(facilitySearchM(types.map((type) => type.radiusM)), language) })
      : t(`coverage.noneNear.${model}`, { limit: formatNumber(walkSearchLimitM(radiusM), language) });
  return (
    <>
      {LIFE_CIRCLE_TIERS.map((tier) => {
        const gaps = result.gaps.filter((id) => tierOf.get(id) === tier);
        if (gaps.length === 0) return null;
        return (
          <div key={tier} className="coverage-tier" data-testid={`coverage-tier-${tier}`}>
            <div className="coverage-tier-title">{t(`legend.tiers.${tier}`)}</div>
            <ul className="coverage-gaps">
              {gaps.map((id) => {
                const type = result.types[id];
                const distance = type?.distanceM;
                return (
                  <li key={id} data-testid={`coverage-gap-${id}`}>
                    <span className="coverage-gap-name">{facilityTypeName(id, language)}</span>
                    <span className="coverage-gap-distance">
                      {distance == null
                        ? noneNear(type?.radiusM ?? 0)
                        : t('coverage.nearest', {
                            distance: formatNumber(Math.round(distance), language),
                            radius: formatNumber(type?.radiusM ?? 0, language),
                          })}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}

export function EstateCoverageSection({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const coverage = useAtlasStore((s) => s.coverage);
  const result = coverage.byEstate.get(estateId);
  const counted = coverage.types.filter((type) => type.counted).length;

  return (
    <section className="coverage-section" data-testid="estate-coverage">
      <div className="coverage-heading">
        <h3 className="coverage-title">{t('coverage.title')}</h3>
        <CoverageModelSwitch testId="coverage-model-panel" />
      </div>
      {coverage.status === 'running' ? (
        <Progress percent={Math.round(coverage.progressPct)} size="small" data-testid="coverage-progress" />
      ) : null}
      {coverage.status === 'error' ? (
        <Alert type="error" showIcon message={t('coverage.failed', { reason: coverage.error ?? '' })} />
      ) : null}
      {/* While a run is going the last results stay (a what-if run is quick): the panel does not flicker. */}
      {result && coverage.status !== 'error' ? (
        <>
          <div className="coverage-summary" data-testid="coverage-summary">
            <Tag color={result.gaps.length === 0 ? 'green' : 'volcano'} data-testid="coverage-gap-count">
              {t('coverage.gapCount', { count: result.gaps.length })}
            </Tag>
            <span>{t('coverage.covered', { covered: counted - result.gaps.length, counted })}</span>
          </div>
          <div className="coverage-origin" data-testid="coverage-origin">
            {t(result.origin === 'gates' ? 'coverage.fromGates' : 'coverage.fromBoundary')} · {t(`coverage.measured.${coverage.model}`)}
          </div>
          <GateEditor estateId={estateId} />
          <GapList result={result} types={coverage.types} model={coverage.model} language={language} />
          <GapReportButtons scope={{ kind: 'estate', id: estateId }} />
          <WhatIfFacility key={estateId} suggestedType={result.gaps[0] ?? 'kindergarten'} />
        </>
      ) : null}
    </section>
  );
}
