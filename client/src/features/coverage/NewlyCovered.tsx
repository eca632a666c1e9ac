/** Which estates the what-if facilities bring within reach of a type, against the run without them. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityTypeId } from '../../../../core/facility-catalogue';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { newlyCovered } from '../../state/coverage-slice';

/** How many names the line spells out before "…". */
const SHOWN_NAMES = 5;

export function NewlyCovered({ type }: { type: FacilityTypeId }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const coverage = useAtlasStore((s) => s.coverage);
  const estates = useAtlasStore((s) => s.data?.estates.features);
  const { ids, households } = useMemo(() => newlyCovered(coverage, type), [coverage, type]);
  if (ids.length === 0)
    return (
      <div className="coverage-origin" data-testid="whatif-newly">
        {t('coverage.whatIf.newlyNone')}
      </div>
    );
  const names = ids.slice(0, SHOWN_NAMES).map((id) => estates?.find((f) => f.id === id)?.properties.name ?? String(id));
  return (
    <div className="coverage-origin" data-testid="whatif-newly">
      {t('coverage.whatIf.newlyCovered', {
        count: ids.length,
        households: formatNumber(households, language),
        names: `${names.join(language === 'zh' ? '、' : ', ')}${ids.length > SHOWN_NAMES ? ' …' : ''}`,
      })}
    </div>
  );
}
