/** Walking along streets (the default) or straight line: the distance model of the life-circle analysis. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { COVERAGE_MODELS, type CoverageModel } from '../../../../core/contract/coverage';
import { useAtlasStore } from '../../state/atlas-store';

export function CoverageModelSwitch({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const model = useAtlasStore((s) => s.coverageModel);
  const setModel = useAtlasStore((s) => s.setCoverageModel);
  return (
    <Segmented<CoverageModel>
      size="small"
      data-testid={testId}
      value={model}
      options={[...COVERAGE_MODELS].reverse().map((value) => ({ value, label: t(`coverage.models.${value}`) }))}
      onChange={setModel}
    />
  );
}
