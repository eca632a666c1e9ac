/** The status box of a running session: the hint for the tool, the live area and why Save waits. */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber, m2ToMu } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';
import type { EditTool } from './edit-session';

export interface EditStatusProps {
  tool: EditTool;
  areaM2: number;
  crossingCount: number;
  /** Why Save is not possible now, in words; null when it is. */
  blockerText: string | null;
  language: Language;
}

export function EditStatus({ tool, areaM2, crossingCount, blockerText, language }: EditStatusProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-edit-status" data-testid="edit-status">
      <div className="atlas-edit-hint">{tool === 'draw' ? t('edit.hintDraw') : t('edit.hintSelect')}</div>
      <div className="atlas-edit-area">
        <span className="atlas-edit-area-label">{t('edit.area')}</span>
        <span data-testid="edit-area">
          {t('edit.areaValue', { m2: formatNumber(areaM2, language), mu: formatNumber(m2ToMu(areaM2), language, 2) })}
        </span>
      </div>
      {crossingCount > 0 ? (
        <Alert
          type="error"
          showIcon
          className="atlas-edit-alert"
          data-testid="edit-self-intersection"
          title={t('edit.selfIntersection', { count: crossingCount })}
        />
      ) : blockerText ? (
        <div className="atlas-edit-reason" data-testid="edit-save-reason">
          {blockerText}
        </div>
      ) : null}
    </div>
  );
}
