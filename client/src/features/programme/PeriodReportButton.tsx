/** Downloads the period report (XLSX) of the dashboard's date and filter: the sheet a district sends upward every half month. */
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchPeriodReport } from '../../api';
import { saveBlob } from '../../shared/save-blob';
import { useAtlasStore } from '../../state/atlas-store';

export function PeriodReportButton() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    const { replayDate, programmeFilter, filter, language } = useAtlasStore.getState();
    setBusy(true);
    try {
      const file = await fetchPeriodReport({ asOf: replayDate, filter: { ...programmeFilter, subdistrictCodes: filter.subdistrictCodes } });
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(t('programme.report.failed', { reason: error instanceof ApiError ? error.messageIn(language) : String(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void download()} data-testid="period-report">
      {t('programme.report.button')}
    </Button>
  );
}
