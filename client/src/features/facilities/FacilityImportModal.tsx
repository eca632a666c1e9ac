/**
 * Imports facilities from a file: read in the browser (core/io/read-import-file.ts), points
 * converted from the chosen source system, types read from category columns; the rows that give a
 * point and a known type are written in one transaction (all or none), the others are counted.
 */
import { Alert, App as AntApp, Modal, Segmented, Select, type ButtonProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { facilityRowsOf } from '../../../../core/facilities/facility-rows';
import { FACILITY_STATUSES, FACILITY_STATUS_LABELS, type FacilityStatus } from '../../../../core/facilities/facility-record';
import { IMPORT_FILE_EXTENSIONS, readImportFile, type ImportTable } from '../../../../core/io/read-import-file';
import { guessSourceCrs, SOURCE_CRS, type SourceCrs } from '../../../../core/io/source-crs';
import { ApiError, importFacilities } from '../../api';
import { reloadFacilities } from '../../state/load-data';
import { formatNumber } from '../../shared/format';
import { facilityTypeName } from '../../shared/i18n/facility-names';
import { useAtlasStore } from '../../state/atlas-store';

/** How many unknown category texts the summary names. */
const SHOWN_UNKNOWN_LABELS = 8;

export function FacilityImportModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const [file, setFile] = useState<{ name: string; table: ImportTable } | null>(null);
  const [crs, setCrs] = useState<SourceCrs>('wgs84');
  const [status, setStatus] = useState<FacilityStatus>('existing');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rows = useMemo(() => (file ? facilityRowsOf(file.table, crs) : []), [file, crs]);
  const ready = rows.filter((r) => r.problem === null);
  const byType = new Map<string, number>();
  for (const row of ready) if (row.type) byType.set(row.type, (byType.get(row.type) ?? 0) + 1);
  const unknownLabels = [...new Set(rows.filter((r) => r.problem === 'unknown_type' && r.typeLabel !== '').map((r) => r.typeLabel))];

  const pick = async (picked: File | undefined) => {
    if (!picked) return;
    setError(null);
    try {
      const table = await readImportFile({ name: picked.name, bytes: await picked.arrayBuffer() });
      setFile({ name: picked.name, table });
      setCrs(guessSourceCrs({ fileName: picked.name, prjText: table.prjText })?.crs ?? 'wgs84');
    } catch (failure) {
      setFile(null);
      setError(t('facility.importer.readFailed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const commit = async () => {
    if (!file || ready.length === 0) return;
    setBusy(true);
    try {
      const facilities = ready.map((r) => ({ type: r.type!, name: r.name, status, lng: r.lngLat![0], lat: r.lngLat![1] }));
      const { created } = await importFacilities(file.name, facilities);
      await reloadFacilities();
      void message.success(t('facility.importer.done', { count: created }));
      onClose();
    } catch (failure) {
      setError(t('facility.importer.failed', { reason: failure instanceof ApiError ? failure.messageIn(language) : String(failure) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('facility.importer.title')}
      onCancel={onClose}
      onOk={() => void commit()}
      okText={t('facility.importer.commit', { count: ready.length })}
      okButtonProps={{ disabled: ready.length === 0, loading: busy, 'data-testid': 'facility-import-commit' } as ButtonProps}
      width={560}
      destroyOnHidden
    >
      <div className="facility-import" data-testid="facility-import-modal">
        <label className="facility-import-label">
          {t('facility.importer.pick')}
          <input
            type="file"
            data-testid="facility-import-file"
            accept={IMPORT_FILE_EXTENSIONS.join(',')}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
        {file ? (
          <>
            <div className="facility-import-row">
              <span>{t('facility.importer.crs')}</span>
              <Select<SourceCrs>
                size="small"
                data-testid="facility-import-crs"
                value={crs}
                onChange={setCrs}
                options={SOURCE_CRS.map((value) => ({ value, label: t(`import.crs.${value}`) }))}
                popupMatchSelectWidth={false}
              />
            </div>
            <div className="facility-import-row">
              <span>{t('facility.importer.status')}</span>
              <Segmented<FacilityStatus>
                size="small"
                value={status}
                onChange={setStatus}
                options={FACILITY_STATUSES.map((s) => ({ value: s, label: FACILITY_STATUS_LABELS[s][language] }))}
              />
            </div>
            <div data-testid="facility-import-summary">
              {t('facility.importer.read', {
                rows: formatNumber(rows.length, language),
                ok: formatNumber(ready.length, language),
                noPoint: formatNumber(rows.filter((r) => r.problem === 'no_point').length, language),
                unknownType: formatNumber(rows.filter((r) => r.problem === 'unknown_type').length, language),
              })}
            </div>
            {unknownLabels.length > 0 ? (
              <div className="coverage-origin" data-testid="facility-import-unknown">
                {t('facility.importer.unknownLabels', { labels: unknownLabels.slice(0, SHOWN_UNKNOWN_LABELS).join('、') })}
                {unknownLabels.length > SHOWN_UNKNOWN_LABELS ? ' …' : ''}
              </div>
            ) : null}
            <div className="coverage-tier-title">{t('facility.importer.byType')}</div>
            <ul className="facility-import-types" data-testid="facility-import-types">
              {[...byType].map(([type, count]) => (
                <li key={type}>
                  <span>{facilityTypeName(type, language)}</span>
                  <span>{formatNumber(count, language)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} data-testid="facility-import-error" /> : null}
      </div>
    </Modal>
  );
}
