/** Step 2: the file's coordinate system, pre-selected by guessSourceCrs with its reason. */
import { Alert, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { SOURCE_CRS, type SourceCrs, type SourceCrsGuess } from '../../../../core/io/source-crs';

export interface CrsStepProps {
  crs: SourceCrs;
  guess: SourceCrsGuess | null;
  sample: [number, number] | undefined;
  onChange(crs: SourceCrs): void;
}

export function CrsStep({ crs, guess, sample, onChange }: CrsStepProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-import-step" data-testid="import-step-crs">
      {guess ? (
        <Alert
          type="info"
          showIcon
          data-testid="import-crs-guess"
          title={t('import.crsGuess', { crs: t(`import.crs.${guess.crs}`) })}
          description={guess.reason}
        />
      ) : (
        <Alert type="warning" showIcon title={t('import.crsUnknown')} data-testid="import-crs-guess" />
      )}
      <div className="atlas-import-label">{t('import.crsLabel')}</div>
      <Radio.Group
        className="atlas-import-crs"
        value={crs}
        onChange={(e) => onChange(e.target.value as SourceCrs)}
        options={SOURCE_CRS.map((value) => ({ value, label: <span data-testid={`import-crs-${value}`}>{t(`import.crs.${value}`)}</span> }))}
      />
      {sample ? (
        <div className="atlas-import-sample">
          {/* Not `lng`: i18next reads that option as the language. */}
          {t('import.sampleCoordinate', { lon: sample[0].toFixed(6), lat: sample[1].toFixed(6) })}
        </div>
      ) : null}
      <Alert type="warning" showIcon title={t('import.crsNote')} />
    </div>
  );
}
