/** Downloads the gap report (缺项清单) of an estate, a zone or the city as XLSX or CSV, in the distance model on screen. */
import { App as AntApp, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchGapReport, type GapReportScope } from '../../api';
import { saveBlob } from '../../shared/save-blob';
import { useAtlasStore } from '../../state/atlas-store';

const FORMATS = ['xlsx', 'csv'] as const;

export function GapReportButtons({ scope }: { scope: GapReportScope }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<(typeof FORMATS)[number] | null>(null);

  const download = async (format: (typeof FORMATS)[number]) => {
    const { coverage, includePlanned, language } = useAtlasStore.getState();
    setBusy(format);
    try {
      const file = await fetchGapReport(scope, { format, model: coverage.model, includePlanned });
      saveBlob(file.blob, file.fileName);
    } catch (error) {
      void message.error(t('coverage.report.failed', { reason: error instanceof ApiError ? error.messageIn(language) : String(error) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="coverage-report" data-testid={`gap-report-${scope.kind}`}>
      <span className="coverage-report-label">{t('coverage.report.label')}</span>
      {FORMATS.map((format) => (
        <Button
          key={format}
          size="small"
          loading={busy === format}
          data-testid={`gap-report-${format}`}
          onClick={() => void download(format)}
        >
          {format.toUpperCase()}
        </Button>
      ))}
    </div>
  );
}
