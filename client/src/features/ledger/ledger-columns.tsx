/**
 * The ledger table's columns, one per field of the registry (core/ledger-fields.ts) in its order,
 * so a field added there becomes a column with no other edit. Sorting and alignment follow the
 * field's kind; a few columns add the table's filters.
 */
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { isNumericKind, LEDGER_FIELDS, type LedgerField } from '../../../../core/ledger-fields';
import type { EstateSummary, LedgerSort } from '../../../../core/contract/index';
import type { EstateApiFeature } from '../../api';
import type { Language } from '../../shared/i18n/languages';
import { formatLedgerValue } from '../../shared/ledger-format';
import { YES_NO, type AtlasFilter } from '../../state/atlas-filter';

export interface LedgerColumnsInput {
  t: TFunction;
  language: Language;
  filters: AtlasFilter;
  /** The sub-districts offered in the sub-district column's filter. */
  subdistrictFilters: { text: string; value: string }[];
  /** The server's order of a paged ledger (null: by id); absent when the table sorts the rows it holds. */
  serverSort?: LedgerSort | null;
}

/** Pixels per character of a column's `widthChars`, plus room for the sorter and filter icons. */
const PX_PER_CHAR = 9;
const HEADER_ICONS_PX = 40;
/** Columns that stay in view while the table scrolls sideways. */
const FIXED_LEFT = new Set<string>(['code', 'name']);

type Value = string | number | boolean | null;

function compareValues(a: Value, b: Value): number {
  // Unknown values sort last whichever way the column is sorted first.
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN');
}

function valueOf(feature: EstateApiFeature, field: LedgerField): Value {
  const value: unknown = feature.properties[field.key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

export function ledgerColumns({
  t,
  language,
  filters,
  subdistrictFilters,
  serverSort,
}: LedgerColumnsInput): TableColumnsType<EstateApiFeature> {
  const yesNoFilters = YES_NO.map((v) => ({ text: t(`ledger.${v}`), value: v }));
  /** The atlas filter's parts, by the column that offers them. */
  const filterOf: Record<string, { filters: { text: string; value: string }[]; filteredValue: string[] | null }> = {
    subdistrict: { filters: subdistrictFilters, filteredValue: filters.subdistrictCodes.length ? [...filters.subdistrictCodes] : null },
    eligible: { filters: yesNoFilters, filteredValue: filters.eligible.length ? [...filters.eligible] : null },
    urgent: { filters: yesNoFilters, filteredValue: filters.urgent.length ? [...filters.urgent] : null },
  };
  const tagColour: Record<string, string> = { eligible: 'orange', urgent: 'red' };

  return LEDGER_FIELDS.map((field) => {
    const numeric = isNumericKind(field.kind);
    const tag = tagColour[field.key];
    return {
      key: field.key,
      title: field.label[language],
      width: Math.max(field.widthChars, field.label[language].length) * PX_PER_CHAR + HEADER_ICONS_PX,
      fixed: FIXED_LEFT.has(field.key) ? 'left' : undefined,
      ellipsis: !numeric,
      align: numeric ? 'right' : undefined,
      ...(serverSort === undefined
        ? { sorter: (a: EstateApiFeature, b: EstateApiFeature) => compareValues(valueOf(a, field), valueOf(b, field)) }
        : { sorter: true, sortOrder: serverSort?.key === field.key ? serverSort.order : null }),
      ...filterOf[field.key],
      render: (_: unknown, f: EstateApiFeature) => {
        const text = formatLedgerValue(field.key, f.properties[field.key], language);
        if (field.key === 'name') return <span data-testid="ledger-name">{text}</span>;
        if (tag) return f.properties[field.key] === true ? <Tag color={tag}>{text}</Tag> : <span className="atlas-secondary">{text}</span>;
        return text;
      },
    };
  });
}

/** The table's scroll width: the sum of the column widths plus the checkbox column. */
export function scrollWidthPx(columns: TableColumnsType<EstateApiFeature>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 100), 0) + 40;
}

/**
 * The fixed totals row under the filtered rows (core/estate-totals.ts), one cell per column of
 * `ledgerColumns` so it lines up whatever the registry holds: the count under code and name, the
 * sum under each summed field with how many estates leave it unknown. A plain function, not a
 * component: the table reads `fixed` from the Table.Summary element that `summary` returns.
 */
export function ledgerTotalsRow(totals: EstateSummary, t: TFunction, n: (value: number) => string) {
  // Cell 0 is the checkbox column; field k is cell k + 1.
  const firstOther = LEDGER_FIELDS.findIndex((field) => !FIXED_LEFT.has(field.key));
  const cells = LEDGER_FIELDS.slice(firstOther).map((field, k) => {
    const index = firstOther + k + 1;
    const key = field.key as keyof EstateSummary;
    const sum = totals[key];
    if (!('totalled' in field) || typeof sum !== 'number') return <Table.Summary.Cell key={field.key} index={index} />;
    const unknown = (totals.unknown as Partial<Record<string, number>>)[field.key] ?? 0;
    return (
      <Table.Summary.Cell key={field.key} index={index} align="right">
        <span data-testid={`ledger-total-${field.key}`}>{n(sum)}</span>
        {unknown > 0 ? (
          <div className="atlas-secondary" data-testid={`ledger-unknown-${field.key}`}>
            {t('ledger.unknownCount', { count: unknown })}
          </div>
        ) : null}
      </Table.Summary.Cell>
    );
  });
  return (
    <Table.Summary fixed>
      <Table.Summary.Row className="atlas-ledger-totals" data-testid="ledger-totals">
        <Table.Summary.Cell index={0} colSpan={firstOther + 1}>
          <strong>{t('ledger.totals', { count: totals.estates, value: n(totals.estates) })}</strong>
        </Table.Summary.Cell>
        {cells}
      </Table.Summary.Row>
    </Table.Summary>
  );
}
