/** The fields one audit entry changed, old → new, as plain text (values are never read as HTML). */
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/i18n/languages';
import { auditDiff } from './audit-diff';
import './audit.css';

export function AuditDiffView({ before, after, language }: { before: unknown; after: unknown; language: Language }) {
  const { t } = useTranslation();
  const diff = auditDiff(before, after, language, {
    username: t('users.username'),
    role: t('users.role'),
    disabled: t('users.disabled'),
    isDemo: t('users.demo'),
  });
  if (!diff.geometryChanged && diff.fields.length === 0) return <div className="atlas-secondary">{t('audit.noChanges')}</div>;
  return (
    <ul className="atlas-audit-diff" data-testid="audit-diff">
      {diff.geometryChanged ? (
        <li className="atlas-audit-geometry" data-testid="audit-geometry-changed">
          {t('audit.geometryChanged')}
        </li>
      ) : null}
      {diff.fields.map((change) => (
        <li key={change.key} data-testid={`audit-change-${change.key}`}>
          <span className="atlas-audit-label">{change.label}</span>
          <span className="atlas-audit-before">{change.before}</span>
          <span aria-hidden="true"> → </span>
          <span className="atlas-audit-after">{change.after}</span>
        </li>
      ))}
    </ul>
  );
}
