/**
 * Export of the ledger (GET /api/export) as GeoJSON, CSV or Excel, for the current filter or
 * the checked rows. The file is fetched first so a refused export shows the server's message.
 */
import { Alert, App as AntApp, Button, Dropdown, Tooltip } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, fetchExport, type ExportFormat } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { useRefusal } from '../../state/use-can';
import { saveBlob } from '../../shared/save-blob';
import { exportScopeFor, type ExportTarget } from './export-scope';
import './export.css';

const FORMAT_LABEL_KEYS = { geojson: 'export.geojson', csv: 'export.csv', xlsx: 'export.xlsx' } as const;

/** `filteredCount`: how many estates the atlas filter passes (the ledger's count). */
export function ExportMenu({ filteredCount }: { filteredCount: number }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const checkedEstateIds = useAtlasStore((s) => s.checkedEstateIds);
  const filter = useAtlasStore((s) => s.filter);
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal('ledger.read');
  const [error, setError] = useState<string | null>(null);

  const run = async (format: ExportFormat, target: ExportTarget) => {
    setBusy(true);
    setError(null);
    try {
      const scope = exportScopeFor(target, { filter, checkedEstateIds });
      const file = await fetchExport(format, scope);
      saveBlob(file.blob, file.fileName);
      void message.success(t('export.done', { fileName: file.fileName }));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  const group = (target: ExportTarget, count: number, disabled: boolean): NonNullable<MenuProps['items']>[number] => ({
    type: 'group',
    key: target,
    label: t(target === 'filter' ? 'export.currentFilter' : 'export.checkedRows', { count }),
    children: EXPORT_FORMATS.map((format) => ({
      key: `${target}-${format}`,
      disabled,
      label: <span data-testid={`export-${target}-${format}`}>{t(FORMAT_LABEL_KEYS[format])}</span>,
      onClick: () => void run(format, target),
    })),
  });

  return (
    <>
      <Dropdown
        disabled={refusal !== null}
        trigger={['click']}
        menu={{
          items: [
            group('filter', filteredCount, filteredCount === 0),
            group('checked', checkedEstateIds.length, checkedEstateIds.length === 0),
          ],
        }}
      >
        <Tooltip title={refusal}>
          <Button type="primary" loading={busy} disabled={refusal !== null} data-testid="export-button">
            {t('export.button')}
          </Button>
        </Tooltip>
      </Dropdown>
      {error ? (
        <Alert
          className="atlas-export-error"
          data-testid="export-error"
          type="error"
          showIcon
          closable={{ onClose: () => setError(null) }}
          title={t('export.failed')}
          description={error}
        />
      ) : null}
    </>
  );
}
