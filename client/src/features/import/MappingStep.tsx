/** Step 3: source column → ledger field, pre-filled by autoMatchFields, editable, with sample values. */
import { Alert, Input, Select, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LEDGER_COLUMNS, ZONE_COLUMN, importColumnLabel, type ImportColumnKey } from '../../../../core/io/ledger-columns';
import { nameFromPattern } from '../../../../core/io/map-rows';
import type { ImportTable } from '../../../../core/io/read-import-file';
import { useAtlasStore } from '../../state/atlas-store';
import { mappingIssues, sampleValues, type FieldMapping } from './import-rows';

const IGNORE = '';

interface MappingRow {
  column: string;
  samples: string[];
}

export interface MappingStepProps {
  table: ImportTable;
  mapping: FieldMapping;
  onChange(mapping: FieldMapping): void;
  namePattern: string;
  onNamePatternChange(namePattern: string): void;
}

/** Rows whose mapped name column is empty (all rows when no column is the name). */
function unnamedRowCount(table: ImportTable, mapping: FieldMapping): number {
  const nameColumn = Object.entries(mapping).find(([, field]) => field === 'name')?.[0];
  if (nameColumn === undefined) return table.rows.length;
  return table.rows.filter((row) => String(row.values[nameColumn] ?? '').trim() === '').length;
}

export function MappingStep({ table, mapping, onChange, namePattern, onNamePatternChange }: MappingStepProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const rows = useMemo<MappingRow[]>(() => table.columns.map((column) => ({ column, samples: sampleValues(table, column) })), [table]);
  const fieldLabel = (key: ImportColumnKey) => importColumnLabel(key, language);
  // Derived columns (land area, eligibility) and unit names are listed so an exported ledger maps
  // completely, but marked: the database computes them, or places the estate by its polygon.
  const options = [
    { value: IGNORE, label: t('import.ignore') },
    ...LEDGER_COLUMNS.map((c) => ({
      value: c.key,
      label: c.importable ? fieldLabel(c.key) : `${fieldLabel(c.key)} ${t('import.notStored')}`,
    })),
    // The zone column groups the imported estates into zones (片区) with the same import.
    { value: ZONE_COLUMN.key, label: fieldLabel(ZONE_COLUMN.key) },
  ];
  const issues = mappingIssues(mapping, namePattern);
  const matched = Object.values(mapping).filter((v) => v !== null).length;
  const unnamed = unnamedRowCount(table, mapping);
  const firstUnnamed = table.rows.find((row) => {
    const nameColumn = Object.entries(mapping).find(([, field]) => field === 'name')?.[0];
    return nameColumn === undefined || String(row.values[nameColumn] ?? '').trim() === '';
  });
  const example = firstUnnamed && namePattern.trim() ? nameFromPattern(namePattern, firstUnnamed) : '';

  return (
    <div className="atlas-import-step" data-testid="import-step-mapping">
      {issues.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-mapping-issues"
          title={issues
            .map((issue) =>
              issue.kind === 'nameRequired' ? t('import.nameRequired') : t('import.duplicateField', { field: fieldLabel(issue.field) }),
            )
            .join('；')}
        />
      ) : (
        <Alert type="info" showIcon title={t('import.autoMatched', { count: matched })} />
      )}
      {unnamed > 0 ? (
        <div className="atlas-import-name-pattern" data-testid="import-name-pattern-box">
          <label htmlFor="import-name-pattern">{t('import.namePattern', { count: unnamed })}</label>
          <Input
            id="import-name-pattern"
            data-testid="import-name-pattern"
            value={namePattern}
            placeholder={table.columns.includes('osm_id') ? 'OSM {osm_id}' : t('import.namePatternPlaceholder')}
            onChange={(e) => onNamePatternChange(e.target.value)}
          />
          <div className="atlas-secondary" data-testid="import-name-pattern-hint">
            {example ? t('import.namePatternExample', { name: example }) : t('import.namePatternHint')}
          </div>
        </div>
      ) : null}
      <Table<MappingRow>
        size="small"
        rowKey="column"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 330 }}
        columns={[
          {
            key: 'column',
            title: t('import.sourceColumn'),
            width: 170,
            ellipsis: true,
            render: (_, row) => <span data-testid="import-source-column">{row.column}</span>,
          },
          {
            key: 'field',
            title: t('import.ledgerField'),
            width: 190,
            render: (_, row) => (
              <Select
                className="atlas-full-width"
                data-testid={`import-map-${row.column}`}
                data-mapped={mapping[row.column] ?? ''}
                value={mapping[row.column] ?? IGNORE}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(value: string) => onChange({ ...mapping, [row.column]: value === IGNORE ? null : (value as ImportColumnKey) })}
                aria-label={t('import.ledgerField')}
              />
            ),
          },
          {
            key: 'samples',
            title: t('import.sample'),
            ellipsis: true,
            render: (_, row) => <span className="atlas-secondary">{row.samples.join(' · ')}</span>,
          },
        ]}
      />
    </div>
  );
}
