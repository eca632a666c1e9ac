/** Records a progress entry for an estate or a whole zone in seconds: date (today), stage, physical progress, investment, note; or corrects an estate's entry. */
import { App as AntApp, Button, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgressEntryAnswer, ProjectRef } from '../../../../core/contract/index';
import { calendarDate } from '../../../../core/programme/progress-history';
import type { StageId } from '../../../../core/programme/stages';
import { ApiError, recordProgress } from '../../api';
import { PastDatePicker } from '../../shared/PastDatePicker';
import { useAtlasStore } from '../../state/atlas-store';

export interface ProgressFormProps {
  /** An estate, or a zone: the entry goes to every member in one transaction. */
  project: ProjectRef;
  /** The stage and progress the form starts from (the estate's current state). */
  current: { stage: StageId; progressPct: number };
  /** The entry being corrected, or null for a new entry. */
  correcting: ProgressEntryAnswer | null;
  onDone(): void;
}

export function ProgressForm({ project, current, correcting, onDone }: ProgressFormProps) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const language = useAtlasStore((s) => s.language);
  const catalogue = useAtlasStore((s) => s.stageCatalogue);
  const [date, setDate] = useState<Dayjs>(() => dayjs(correcting?.date ?? calendarDate(new Date())));
  const [stage, setStage] = useState<StageId>(correcting?.stage ?? current.stage);
  const [progressPct, setProgressPct] = useState<number | null>(correcting?.progressPct ?? current.progressPct);
  const [investmentWan, setInvestmentWan] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await recordProgress({
        ...project,
        date: date.format('YYYY-MM-DD'),
        stage,
        progressPct: progressPct ?? 0,
        investmentDoneYuan: investmentWan === null ? null : investmentWan * 1e4,
        note,
        corrects: correcting?.id ?? null,
      });
      void message.success(t('programme.progress.saved'));
      // The server's change event reloads the dashboard here and on every other open page.
      useAtlasStore.getState().programmeChanged();
      onDone();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.messageIn(language) : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="programme-progress-form" data-testid="progress-form">
      {correcting ? <div className="programme-note">{t('programme.progress.correcting', { date: correcting.date })}</div> : null}
      <div className="programme-form-row">
        <PastDatePicker value={date} onChange={setDate} ariaLabel={t('programme.progress.date')} testId="progress-date" />
        <Select
          size="small"
          className="programme-stage-select"
          value={stage}
          options={catalogue.stages.map((s) => ({ value: s.id, label: s.label[language] }))}
          onChange={(value: StageId) => setStage(value)}
          aria-label={t('programme.progress.stage')}
          data-testid="progress-stage"
        />
      </div>
      <div className="programme-form-row">
        <InputNumber
          size="small"
          min={0}
          max={100}
          value={progressPct}
          onChange={(value) => setProgressPct(value)}
          suffix="%"
          aria-label={t('programme.progress.pct')}
          placeholder={t('programme.progress.pct')}
          data-testid="progress-pct"
        />
        <InputNumber
          size="small"
          min={0}
          value={investmentWan}
          onChange={(value) => setInvestmentWan(value)}
          suffix={t('programme.chart.tenThousandYuan')}
          aria-label={t('programme.progress.investment')}
          placeholder={t('programme.progress.investment')}
          data-testid="progress-investment"
        />
      </div>
      <Input.TextArea
        rows={2}
        value={note}
        maxLength={1000}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t(correcting ? 'programme.progress.reason' : 'programme.progress.note')}
        aria-label={t(correcting ? 'programme.progress.reason' : 'programme.progress.note')}
        data-testid="progress-note"
      />
      <div className="programme-form-row">
        <Button type="primary" size="small" loading={busy} onClick={() => void submit()} data-testid="progress-save">
          {t('programme.progress.save')}
        </Button>
        <Button size="small" onClick={onDone} data-testid="progress-cancel">
          {t('programme.progress.cancel')}
        </Button>
      </div>
    </div>
  );
}
