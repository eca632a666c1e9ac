/**
 * A zone's life circle (design.md §7): facilities anywhere in the zone serve all its members, so
 * the zone's gaps are the types no member reaches; below them, each member still short of
 * something on its own and what it lacks.
 */
import { Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneCoverage, type EstateCoverage } from '../../../../core/coverage/coverage';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';
import { CoverageModelSwitch } from './CoverageModelSwitch';
import { GapList } from './EstateCoverageSection';
import { GapReportButtons } from './GapReportButtons';
import './coverage.css';

export function ZoneCoverageSection({ zoneId, estateIds }: { zoneId: number; estateIds: readonly number[] }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const coverage = useAtlasStore((s) => s.coverage);
  const names = useAtlasStore((s) => s.data?.estates.features);
  const pooled = useMemo(() => {
    const members = estateIds.map((id) => coverage.byEstate.get(id)).filter((m): m is EstateCoverage => m !== undefined);
    return members.length === estateIds.length && members.length > 0 ? zoneCoverage(members, coverage.types) : null;
  }, [estateIds, coverage]);
  const counted = coverage.types.filter((type) => type.counted).length;
  const nameOf = (id: number) => names?.find((f) => f.id === id)?.properties.name ?? String(id);

  return (
    <section className="coverage-section" data-testid="zone-coverage">
      <div className="coverage-heading">
        <h3 className="coverage-title">{t('coverage.zoneTitle')}</h3>
        <CoverageModelSwitch testId="coverage-model-zone" />
      </div>
      {pooled ? (
        <>
          <div className="coverage-summary">
            <Tag color={pooled.zone.gaps.length === 0 ? 'green' : 'volcano'} data-testid="zone-gap-count">
              {t('coverage.gapCount', { count: pooled.zone.gaps.length })}
            </Tag>
            <span>{t('coverage.covered', { covered: counted - pooled.zone.gaps.length, counted })}</span>
          </div>
          <div className="coverage-origin">{t('coverage.zonePooled')}</div>
          <GapList result={pooled.zone} types={coverage.types} model={coverage.model} language={language} />
          <div className="coverage-tier-title">{t('coverage.membersShort')}</div>
          <ul className="coverage-members" data-testid="zone-members-short">
            {pooled.members
              .filter((m) => m.gaps.length > 0)
              .map((m) => (
                <li key={m.id} data-testid={`zone-member-gaps-${m.id}`}>
                  <span className="coverage-member-name">{nameOf(m.id)}</span>
                  <span className="coverage-member-gaps">{m.gaps.map((id) => facilityTypeName(id, language)).join('、')}</span>
                </li>
              ))}
          </ul>
          <GapReportButtons scope={{ kind: 'zone', id: zoneId }} />
        </>
      ) : (
        <div className="coverage-origin">{t('legend.gapsPending')}</div>
      )}
    </section>
  );
}
