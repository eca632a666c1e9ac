/** The ledger table's columns: the ledger fields with their sorters, filters and cell rendering. */
import { Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { EstateApiFeature } from '../../api';
import { YES_NO, type LedgerFilters } from './ledger-rows';

export interface LedgerColumnsInput {
  t: TFunction;
  /** Formats a number in the UI language. */
  n(value: number, digits?: number): string;
  filters: LedgerFilters;
  /** The sub-districts offered in the sub-district column's filter. */
  subdistrictFilters: { text: string; value: string }[];
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN');
}

export function ledgerColumns({ t, n, filters, subdistrictFilters }: LedgerColumnsInput): TableColumnsType<EstateApiFeature> {
  const yesNoFilters = YES_NO.map((v) => ({ text: t(`ledger.${v}`), value: v }));
return [
  {
    key: 'code',
    title: t('estate.fields.code'),
    width: 100,
    fixed: 'left',
    ellipsis: true,
    sorter: (a, b) => compareText(a.properties.code, b.properties.code),
    render: (_, f) => f.properties.code,
  },
  {
    key: 'name',
    title: t('estate.fields.name'),
    width: 170,
    fixed: 'left',
    ellipsis: true,
    sorter: (a, b) => compareText(a.properties.name, b.properties.name),
    render: (_, f) => <span data-testid="ledger-name">{f.properties.name}</span>,
  },
  {
    key: 'subdistrict',
    title: t('estate.fields.subdistrict'),
    width: 156,
    ellipsis: true,
    filters: subdistrictFilters,
    filteredValue: filters.subdistrictCodes.length ? [...filters.subdistrictCodes] : null,
    sorter: (a, b) => compareText(a.properties.subdistrict, b.properties.subdistrict),
    render: (_, f) => f.properties.subdistrict || t('estate.empty'),
  },
  {
    key: 'community',
    title: t('estate.fields.community'),
    width: 124,
    ellipsis: true,
    render: (_, f) => f.properties.community || t('estate.empty'),
  },
  {
    key: 'address',
    title: t('estate.fields.address'),
    width: 180,
    ellipsis: true,
    render: (_, f) => f.properties.address || t('estate.empty'),
  },
  {
    key: 'yearBuilt',
    title: t('estate.fields.yearBuilt'),
    width: 116,
    align: 'right',
    sorter: (a, b) => (a.properties.yearBuilt ?? 0) - (b.properties.yearBuilt ?? 0),
    render: (_, f) => f.properties.yearBuilt ?? t('estate.empty'),
  },
  {
    key: 'buildings',
    title: t('estate.fields.buildings'),
    width: 112,
    align: 'right',
    sorter: (a, b) => a.properties.buildings - b.properties.buildings,
    render: (_, f) => n(f.properties.buildings),
  },
  {
    key: 'households',
    title: t('estate.fields.households'),
    width: 120,
    align: 'right',
    sorter: (a, b) => a.properties.households - b.properties.households,
    render: (_, f) => n(f.properties.households),
  },
  {
    key: 'floorAreaM2',
    title: t('ledger.floorAreaM2'),
    width: 150,
    align: 'right',
    sorter: (a, b) => a.properties.floorAreaM2 - b.properties.floorAreaM2,
    render: (_, f) => n(f.properties.floorAreaM2),
  },
  {
    key: 'landAreaM2',
    title: t('ledger.landAreaM2'),
    width: 150,
    align: 'right',
    sorter: (a, b) => a.properties.landAreaM2 - b.properties.landAreaM2,
    render: (_, f) => n(f.properties.landAreaM2),
  },
  {
    key: 'propertyType',
    title: t('estate.fields.propertyType'),
    width: 130,
    ellipsis: true,
    render: (_, f) =>
      f.properties.propertyType ? t(`estate.propertyType.${f.properties.propertyType}`, { defaultValue: f.properties.propertyType }) : t('estate.empty'),
  },
  {
    key: 'eligible',
    title: t('ledger.eligible'),
    width: 110,
    filters: yesNoFilters,
    filteredValue: filters.eligible.length ? [...filters.eligible] : null,
    render: (_, f) => (f.properties.eligible ? <Tag color="orange">{t('ledger.yes')}</Tag> : <span className="atlas-secondary">{t('ledger.no')}</span>),
  },
  {
    key: 'urgent',
    title: t('ledger.urgent'),
    width: 100,
    filters: yesNoFilters,
    filteredValue: filters.urgent.length ? [...filters.urgent] : null,
    render: (_, f) => (f.properties.urgent ? <Tag color="red">{t('ledger.yes')}</Tag> : <span className="atlas-secondary">{t('ledger.no')}</span>),
  },
  {
    key: 'willingnessPct',
    title: t('ledger.willingnessPct'),
    width: 124,
    align: 'right',
    sorter: (a, b) => (a.properties.willingnessPct ?? -1) - (b.properties.willingnessPct ?? -1),
    render: (_, f) => (f.properties.willingnessPct === null ? t('estate.empty') : `${n(f.properties.willingnessPct)}%`),
  },
];
}

/** The table's scroll width: the sum of the column widths plus the checkbox column. */
export function scrollWidthPx(columns: TableColumnsType<EstateApiFeature>): number {
  return columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 100), 0) + 40;
}
