/** The wizard's footer: Cancel on the left, Back and Next (or Start import on the last step) on the right. */
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ImportFooterProps {
  isLastStep: boolean;
  canGoBack: boolean;
  canAdvance: boolean;
  canCommit: boolean;
  running: boolean;
  checking: boolean;
  onClose(): void;
  onBack(): void;
  onNext(): void;
  onCommit(): void;
}

export function ImportFooter(props: ImportFooterProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-import-footer">
      <Button onClick={props.onClose} disabled={props.running} data-testid="import-cancel">
        {t('import.cancel')}
      </Button>
      <span className="atlas-import-footer-right">
        {props.canGoBack ? (
          <Button onClick={props.onBack} disabled={props.running || props.checking} data-testid="import-back">
            {t('import.back')}
          </Button>
        ) : null}
        {!props.isLastStep ? (
          <Button type="primary" onClick={props.onNext} disabled={!props.canAdvance} data-testid="import-next">
            {t('import.next')}
          </Button>
        ) : (
          <Button type="primary" onClick={props.onCommit} loading={props.running} disabled={!props.canCommit} data-testid="import-commit">
            {t('import.start')}
          </Button>
        )}
      </span>
    </div>
  );
}
