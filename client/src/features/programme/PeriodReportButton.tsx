/**
 * Downloads for the dashboard's date and filter: the period report (XLSX) — the sheet a district
 * sends upward every half month — and the filtered view as CSV or GeoJSON.
 */
import { App as AntApp, Button, Dropdown } from 'antd';
import { useState, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchProgrammeFile, type ProgrammeFileKind } from '../../api';
import { saveBlob } from '../../shared/save-blob';
import { useAtlasStore } from '../../state/atlas-store';

const KINDS: readonly ProgrammeFileKind[] = ['report', 'csv', 'geojson'];

/** Memoised: it reads the store itself, so the drawer's loading mark does not re-render it. */
export const PeriodReportButton = memo(function PeriodReportButton() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async (kind: ProgrammeFileKind) => {
    const { replayDate, programmeFilter, filter, language, reportingPeriod } = useAtlasStore.getState();
    setBusy(true);
    try {
      const file = await fetchProgrammeFile(kind, {
        asOf: replayDate,
        filter: { ...programmeFilter, subdistrictCodes: filter.subdistrictCodes },
        period: reportingPeriod,
      });
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(t('programme.report.failed', { reason: error instanceof ApiError ? error.messageIn(language) : String(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: KINDS.map((kind) => ({
          key: kind,
          label: <span data-testid={`programme-file-${kind}`}>{t(`programme.report.${kind}`)}</span>,
        })),
        onClick: ({ key }) => void download(key as ProgrammeFileKind),
      }}
    >
      <Button size="small" loading={busy} data-testid="period-report">
        {t('programme.report.button')}
      </Button>
    </Dropdown>
  );
});
