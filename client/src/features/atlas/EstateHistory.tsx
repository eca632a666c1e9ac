/** The estate panel's "History": who changed what and when (GET /api/estates/:id/history), newest first. */
import { Alert, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchEstateHistory, type AuditEntry } from '../../api';
import { AuditDiffView } from '../audit/AuditDiffView';
import { roleLabel } from '../audit/role-label';
import { formatDateTime } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';

/** The answer for one estate version (`key`); a different key means the current one is still loading. */
type History = { key: string; state: 'ready'; entries: AuditEntry[] } | { key: string; state: 'failed'; error: unknown };

/** Reloaded when the estate's version changes, so a save shows up at once. */
export function EstateHistory({ estateId, version, language }: { estateId: number; version: number; language: Language }) {
  const { t } = useTranslation();
  const key = `${estateId}@${version}`;
  const [answer, setAnswer] = useState<History | null>(null);
  const history = answer?.key === key ? answer : null;

  useEffect(() => {
    const controller = new AbortController();
    fetchEstateHistory(estateId, controller.signal)
      .then((entries) => setAnswer({ key, state: 'ready', entries }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setAnswer({ key, state: 'failed', error });
      });
    return () => controller.abort();
  }, [estateId, key]);

  return (
    <section className="atlas-estate-history" data-testid="estate-history">
      <h3 className="atlas-estate-history-title">{t('history.title')}</h3>
      {history === null ? <Spin size="small" /> : null}
      {history?.state === 'failed' ? (
        <Alert
          type="warning"
          showIcon
          title={t('history.loadFailed')}
          description={history.error instanceof ApiError ? history.error.messageIn(language) : String(history.error)}
        />
      ) : null}
      {history?.state === 'ready' && history.entries.length === 0 ? <div className="atlas-secondary">{t('history.empty')}</div> : null}
      {history?.state === 'ready' ? (
        <ol className="atlas-estate-history-list">
          {history.entries.map((entry) => (
            <li key={entry.id} className="atlas-estate-history-entry" data-testid="estate-history-entry">
              <div className="atlas-estate-history-head">
                <Tag>{t(`audit.actions.${entry.action}`)}</Tag>
                <span>{t('history.by', { user: entry.actorUsername, role: roleLabel(entry.actorRole, language) })}</span>
                <span className="atlas-secondary">{formatDateTime(entry.at, language)}</span>
              </div>
              <AuditDiffView before={entry.before} after={entry.after} language={language} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
