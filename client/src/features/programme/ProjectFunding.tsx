/**
 * A project's funding by source (资金筹措): dated rows of amounts planned and received, so the time
 * replay shows the money as it stood; money arriving later is a new row. Planners add and remove rows.
 */
import { Button, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ProjectRef } from '../../../../core/contract/index';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNDING_SOURCE_IDS, FUNDING_SOURCE_LABELS, type FundingSourceId } from '../../../../core/programme/funding';
import { addFunding, deleteFunding, fetchFunding } from '../../api';
import { formatYuan } from '../../shared/format';
import { PastDatePicker } from '../../shared/PastDatePicker';
import { useAtlasStore } from '../../state/atlas-store';
import { useCan } from '../../state/use-can';
import { ProjectRowList } from './ProjectRowList';
import { useProjectRows } from './use-project-rows';

export function ProjectFunding({ project }: { project: ProjectRef }) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const canEdit = useCan('progress.write');
  const { rows, busy, write } = useProjectRows(project, fetchFunding);
  const [source, setSource] = useState<FundingSourceId | null>(null);
  const [plannedWan, setPlannedWan] = useState<number | null>(null);
  const [receivedWan, setReceivedWan] = useState<number | null>(null);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const planned = rows.reduce((sum, row) => sum + row.plannedYuan, 0);
  const received = rows.reduce((sum, row) => sum + row.receivedYuan, 0);

  const add = async () => {
    if (source === null || plannedWan === null) return;
    if (
      await write(() =>
        addFunding({
          ...project,
          source,
          plannedYuan: plannedWan * 1e4,
          receivedYuan: (receivedWan ?? 0) * 1e4,
          date: date.format('YYYY-MM-DD'),
        }),
      )
    ) {
      setPlannedWan(null);
      setReceivedWan(null);
    }
  };

  return (
    <ProjectRowList
      testId="project-funding"
      title={t('programme.funding.title', { planned: formatYuan(planned, language), received: formatYuan(received, language) })}
      lines={rows.map((row) => ({
        id: row.id,
        label: FUNDING_SOURCE_LABELS[row.source][language],
        detail: `${row.date} · ${formatYuan(row.plannedYuan, language)} / ${formatYuan(row.receivedYuan, language)}`,
      }))}
      canEdit={canEdit}
      busy={busy}
      onRemove={(id) => void write(() => deleteFunding(id))}
    >
      <Select
        size="small"
        placeholder={t('programme.funding.source')}
        value={source ?? undefined}
        onChange={(value: FundingSourceId) => setSource(value)}
        options={FUNDING_SOURCE_IDS.map((id) => ({ value: id, label: FUNDING_SOURCE_LABELS[id][language] }))}
        aria-label={t('programme.funding.source')}
        data-testid="funding-source"
      />
      <InputNumber
        size="small"
        min={0}
        value={plannedWan}
        onChange={setPlannedWan}
        suffix={t('programme.chart.tenThousandYuan')}
        placeholder={t('programme.funding.planned')}
        aria-label={t('programme.funding.planned')}
        data-testid="funding-planned"
      />
      <InputNumber
        size="small"
        min={0}
        value={receivedWan}
        onChange={setReceivedWan}
        suffix={t('programme.chart.tenThousandYuan')}
        placeholder={t('programme.funding.received')}
        aria-label={t('programme.funding.received')}
        data-testid="funding-received"
      />
      <PastDatePicker value={date} onChange={setDate} ariaLabel={t('programme.funding.date')} testId="funding-date" />
      <Button
        size="small"
        loading={busy}
        disabled={source === null || plannedWan === null}
        onClick={() => void add()}
        data-testid="funding-add"
      >
        {t('programme.rows.add')}
      </Button>
    </ProjectRowList>
  );
}
