/** Step 4: every row with its problems, a skip checkbox per row (problem rows skipped by default). */
import { Alert, Checkbox, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { IMPORT_ROW_PROBLEM_LABELS, isImportRowProblemCode, problemMessage } from '../../../../core/problems';
import type { PreviewRow } from './import-rows';

export interface PreviewStepProps {
  rows: readonly PreviewRow[];
  skipped: ReadonlySet<number>;
  onSkip(rowIndexes: readonly number[], skip: boolean): void;
}

interface Line {
  i: number;
  row: PreviewRow;
}

export function PreviewStep({ rows, skipped, onSkip }: PreviewStepProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const lines = useMemo<Line[]>(
    () => rows.map((row, i) => ({ i, row })).filter((l) => !onlyProblems || l.row.problems.length > 0),
    [rows, onlyProblems],
  );
  const bad = rows.filter((r) => r.problems.length > 0).length;
  const accepted = rows.filter((r, i) => r.feature !== null && !skipped.has(i)).length;
  const codeCounts = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const row of rows) for (const p of row.problems) counts[p.code] = (counts[p.code] ?? 0) + 1;
    return counts;
  }, [rows]);

  return (
    <div className="atlas-import-step" data-testid="import-step-preview">
      <Alert
        type={bad > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="import-preview-summary"
        data-bad={bad}
        data-accepted={accepted}
        data-problem-codes={JSON.stringify(codeCounts)}
        title={t('import.rowCount', { total: rows.length, ok: rows.length - bad, bad, accepted })}
        description={t('import.previewOnMap')}
      />
      <div className="atlas-import-preview-tools">
        <Checkbox checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} data-testid="import-only-problems">
          {t('import.onlyProblems')}
        </Checkbox>
      </div>
      <Table<Line>
        virtual
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={lines}
        scroll={{ x: 560, y: 300 }}
        rowClassName={(l) => (l.row.problems.length > 0 ? 'atlas-import-row-bad' : '')}
        columns={[
          {
            key: 'skip',
            title: t('import.skip'),
            width: 56,
            align: 'center',
            render: (_, l) => (
              <Checkbox
                data-testid={`import-skip-${l.row.sourceIndex}`}
                checked={skipped.has(l.i) || l.row.feature === null}
                disabled={l.row.feature === null}
                onChange={(e) => onSkip([l.i], e.target.checked)}
                aria-label={t('import.skip')}
              />
            ),
          },
          { key: 'row', title: t('import.row'), width: 60, align: 'right', render: (_, l) => l.row.sourceIndex + 1 },
          { key: 'name', title: t('import.name'), width: 150, ellipsis: true, render: (_, l) => l.row.name || t('estate.empty') },
          {
            key: 'area',
            title: t('import.landArea'),
            width: 110,
            align: 'right',
            render: (_, l) => (l.row.landAreaM2 === null ? t('estate.empty') : formatNumber(l.row.landAreaM2, language)),
          },
          {
            key: 'problems',
            title: t('import.problems'),
            width: 184,
            render: (_, l) =>
              l.row.problems.length === 0 ? (
                <Tag color="green">{t('import.ok')}</Tag>
              ) : (
                <div className="atlas-import-problems" data-testid="import-row-problems">
                  {l.row.problems.map((p, k) => (
                    <Tooltip key={k} title={problemMessage(p.code, p.params, language, p.message)}>
                      <Tag color="red" className="atlas-import-problem">
                        {isImportRowProblemCode(p.code) ? IMPORT_ROW_PROBLEM_LABELS[p.code][language] : p.code}
                      </Tag>
                    </Tooltip>
                  ))}
                  {/* Each problem worded in the UI language from its code and params (core/problems.ts). */}
                  <div className="atlas-import-problem-text">
                    {l.row.problems.map((p) => problemMessage(p.code, p.params, language, p.message)).join(language === 'zh' ? '；' : '; ')}
                  </div>
                </div>
              ),
          },
        ]}
      />
    </div>
  );
}
