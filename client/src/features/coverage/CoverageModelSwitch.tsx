/** Walking along streets (the default) or straight line: the distance model of the life-circle analysis; optionally whether planned facilities count. */
import { Checkbox, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODELS, type CoverageModel } from '../../../../core/contract/coverage';
import { useAtlasStore } from '../../state/atlas-store';

export function CoverageModelSwitch({ testId, withPlanned = false }: { testId: string; withPlanned?: boolean }) {
  const { t } = useTranslation();
  const model = useAtlasStore((s) => s.coverageModel);
  const setModel = useAtlasStore((s) => s.setCoverageModel);
  const includePlanned = useAtlasStore((s) => s.includePlanned);
  const setIncludePlanned = useAtlasStore((s) => s.setIncludePlanned);
  const switcher = (
    <Segmented<CoverageModel>
      size="small"
      data-testid={testId}
      value={model}
      options={[...COVERAGE_MODELS].reverse().map((value) => ({ value, label: t(`coverage.models.${value}`) }))}
      onChange={setModel}
    />
  );
  if (!withPlanned) return switcher;
  return (
    <div className="coverage-switches">
      {switcher}
      <span data-testid="coverage-include-planned">
        <Checkbox checked={includePlanned} onChange={(e) => setIncludePlanned(e.target.checked)}>
          {t('facility.includePlanned')}
        </Checkbox>
      </span>
    </div>
  );
}
