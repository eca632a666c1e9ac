/**
 * Administrators' audit browser: the trail newest first, filtered by user, object, action and
 * dates, paged further back by `beforeId`; a row opens to its before → after; Export CSV downloads
 * the filtered trail.
 */
import { Alert, App as AntApp, Button, Table, Tag } from 'antd';
import { AdminDrawer } from '../../shared/AdminDrawer';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchAudit, fetchAuditCsv, fileNameFromDisposition, type AuditEntry, type AuditQuery } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { formatDateTime } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';
import { saveBlob } from '../../shared/save-blob';
import { auditSubjectName } from './audit-diff';
import { AuditDiffView } from './AuditDiffView';
import { AuditFilters, AUDIT_ENTITIES } from './AuditFilters';
import { roleLabel } from './role-label';

const PAGE_SIZE = 50;
const DRAWER_WIDTH_PX = 1000;

export function AuditDrawer({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [query, setQuery] = useState<AuditQuery>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  // The query the shown entries answer: while it differs from `query`, the first page is loading.
  const [shownQuery, setShownQuery] = useState<AuditQuery | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loading = shownQuery !== query || loadingMore;

  const show = (filters: AuditQuery, before: AuditEntry[], page: AuditEntry[]) => {
    setEntries([...before, ...page]);
    setMore(page.length === PAGE_SIZE);
    setShownQuery(filters);
    setError(null);
  };
  useEffect(() => {
    fetchAudit(query, PAGE_SIZE)
      .then((page) => show(query, [], page))
      .catch((cause: unknown) => {
        setShownQuery(query);
        setError(cause);
      });
  }, [query]);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      show(query, entries, await fetchAudit({ ...query, beforeId: entries.at(-1)?.id }, PAGE_SIZE));
    } catch (cause) {
      setError(cause);
    } finally {
      setLoadingMore(false);
    }
  };

  const exportCsv = async () => {
    try {
      const file = await fetchAuditCsv(query);
      saveBlob(file.blob, fileNameFromDisposition(file.header('Content-Disposition')) ?? 'audit.csv');
    } catch (cause) {
      void message.error(`${t('audit.exportFailed')}: ${wording(cause, language)}`);
    }
  };

  const entityText = (entity: string) =>
    (AUDIT_ENTITIES as readonly string[]).includes(entity) ? t(`audit.entities.${entity as (typeof AUDIT_ENTITIES)[number]}`) : entity;
  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), width: 160, render: (_v, e) => formatDateTime(e.at, language) },
    { key: 'user', title: t('audit.user'), render: (_v, e) => e.actorUsername },
    { key: 'role', title: t('audit.role'), width: 120, render: (_v, e) => roleLabel(e.actorRole, language) },
    { key: 'action', title: t('audit.action'), width: 90, render: (_v, e) => <Tag>{t(`audit.actions.${e.action}`)}</Tag> },
    { key: 'entity', title: t('audit.entity'), width: 120, render: (_v, e) => entityText(e.entity) },
    { key: 'entityId', title: t('audit.entityId'), width: 100, render: (_v, e) => e.entityId },
    { key: 'subject', title: t('audit.subject'), ellipsis: true, render: (_v, e) => auditSubjectName(e) ?? '' },
  ];

  return (
    <AdminDrawer
      open={open}
      onClose={onClose}
      title={t('audit.title')}
      widthPx={DRAWER_WIDTH_PX}
      extra={
        <Button onClick={() => void exportCsv()} data-testid="audit-export">
          {t('audit.exportCsv')}
        </Button>
      }
    >
      <div data-testid="audit-page">
        <AuditFilters onApply={setQuery} />
        {error ? <Alert type="error" showIcon title={t('audit.loadFailed')} description={wording(error, language)} /> : null}
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={entries}
          columns={columns}
          pagination={false}
          tableLayout="fixed"
          data-testid="audit-table"
          expandable={{ expandedRowRender: (entry) => <AuditDiffView before={entry.before} after={entry.after} language={language} /> }}
        />
        <div className="atlas-audit-more">
          {more ? (
            <Button loading={loading} onClick={() => void loadMore()} data-testid="audit-more">
              {t('audit.loadMore')}
            </Button>
          ) : entries.length > 0 ? (
            <span className="atlas-secondary">{t('audit.noMore')}</span>
          ) : null}
        </div>
      </div>
    </AdminDrawer>
  );
}

function wording(error: unknown, language: Language): string {
  return error instanceof ApiError ? error.messageIn(language) : String(error);
}
