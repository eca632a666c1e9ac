/** Step 5: layer name, then one all-or-nothing POST /api/imports with a progress bar. */
import { Alert, Button, Checkbox, Input, Progress, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../api';
import type { CommitPhase } from './import-session';

export interface CommitStepProps {
  layerName: string;
  acceptedCount: number;
  skippedCount: number;
  allowOverlap: boolean;
  phase: CommitPhase;
  /** 0–100 */
  percent: number;
  result: ImportResult | null;
  error: string | null;
  /** The import succeeded but reloading the estates failed. */
  refreshError: string | null;
  onLayerName(name: string): void;
  onAllowOverlap(allow: boolean): void;
  onDone(): void;
}

const PHASE_KEYS = { upload: 'import.phase.upload', processing: 'import.phase.process', refresh: 'import.phase.refresh' } as const;

export function CommitStep(props: CommitStepProps) {
  const { t } = useTranslation();
  const { phase } = props;
  if (phase === 'done' && props.result) {
    return (
      <div className="atlas-import-step" data-testid="import-step-commit">
        <Result
          status="success"
          title={<span data-testid="import-success">{t('import.success', { count: props.result.inserted, layer: props.layerName })}</span>}
          subTitle={
            props.refreshError ? (
              <Alert type="warning" showIcon title={t('import.refreshFailed')} description={props.refreshError} />
            ) : undefined
          }
          extra={
            <Button type="primary" onClick={props.onDone} data-testid="import-done">
              {t('import.done')}
            </Button>
          }
        />
      </div>
    );
  }
  const running = phase === 'upload' || phase === 'processing' || phase === 'refresh';
  return (
    <div className="atlas-import-step" data-testid="import-step-commit">
      <div className="atlas-import-label">{t('import.layerName')}</div>
      <Input
        value={props.layerName}
        maxLength={200}
        disabled={running}
        onChange={(e) => props.onLayerName(e.target.value)}
        data-testid="import-layer-name"
      />
      <Alert type="info" showIcon title={t('import.commitSummary', { count: props.acceptedCount, skipped: props.skippedCount })} />
      <Checkbox checked={props.allowOverlap} disabled={running} onChange={(e) => props.onAllowOverlap(e.target.checked)}>
        {t('import.allowOverlap')}
      </Checkbox>
      {running ? (
        <div className="atlas-import-progress" data-testid="import-progress">
          <Progress percent={Math.round(props.percent)} status="active" />
          <div className="atlas-secondary">{t(PHASE_KEYS[phase])}</div>
        </div>
      ) : null}
      {phase === 'failed' && props.error ? (
        <Alert type="error" showIcon title={t('import.failed')} description={props.error} data-testid="import-error" />
      ) : null}
    </div>
  );
}
