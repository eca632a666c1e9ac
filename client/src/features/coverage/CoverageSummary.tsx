/**
 * Beside the gap colouring: the share of households whose estate reaches every counted type of
 * each tier, for the estates the filter shows (the city, or the chosen sub-districts), and the
 * gap report of the city or of the one sub-district chosen.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageShares, type EstateCoverage } from '../../../../core/coverage/coverage';
import { LIFE_CIRCLE_TIERS } from '../../../../core/facility-catalogue';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { useFilteredEstates } from '../../state/use-filtered-estates';
import type { GapReportScope } from '../../api';
import { GapReportButtons } from './GapReportButtons';
import { SiteSuggestions } from './SiteSuggestions';

export function CoverageSummary() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const coverage = useAtlasStore((s) => s.coverage);
  const subdistrictCodes = useAtlasStore((s) => s.filter.subdistrictCodes);
  const { filtered } = useFilteredEstates();
  const tiers = useMemo(() => {
    const results = filtered.map((f) => coverage.byEstate.get(f.id)).filter((r): r is EstateCoverage => r !== undefined);
    return results.length > 0 ? coverageShares(results, coverage.types).tiers : null;
  }, [filtered, coverage]);
  if (!tiers) return null;
  const [onlySubdistrict] = subdistrictCodes;
  const scope: GapReportScope =
    subdistrictCodes.length === 1 && onlySubdistrict !== undefined ? { kind: 'subdistrict', id: onlySubdistrict } : { kind: 'city' };

  return (
    <div className="coverage-city" data-testid="coverage-summary-city">
      <div className="coverage-tier-title">{t('coverage.cityTitle')}</div>
      <ul className="coverage-city-tiers">
        {LIFE_CIRCLE_TIERS.map((tier) => {
          const share = tiers[tier];
          if (!share) return null;
          const pct = share.households > 0 ? (100 * share.coveredHouseholds) / share.households : 0;
          return (
            <li key={tier} data-testid={`coverage-tier-share-${tier}`}>
              {t('coverage.tierShare', {
                tier: t(`legend.tiers.${tier}`),
                covered: formatNumber(share.coveredHouseholds, language),
                households: formatNumber(share.households, language),
                pct: formatNumber(pct, language, 1),
              })}
            </li>
          );
        })}
      </ul>
      <GapReportButtons scope={scope} />
      <SiteSuggestions />
    </div>
  );
}
