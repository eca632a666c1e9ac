/**
 * The ledger (台账): the estates that pass the atlas filter in a virtualised antd Table. Its
 * column filters, search and year range set the one atlas filter in the store, so they filter the
 * map and the summary strip too; a totals row of the rows and selection synced with the map.
 */
import { Table } from 'antd';
import type { GetRef, TableProps } from 'antd';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstateApiFeature } from '../../api';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { ExportMenu } from '../export/ExportMenu';
import { estateTotals } from '../../../../core/estate-totals';
import { ledgerColumns, ledgerTotalsRow, scrollWidthPx } from './ledger-columns';
import { YES_NO, type YesNo } from '../../state/atlas-filter';
import { useFilteredEstates } from '../../state/use-filtered-estates';
import { LedgerToolbar } from './LedgerToolbar';
import { useTableBodyHeight } from './use-table-body-height';

type TableRef = GetRef<typeof Table<EstateApiFeature>>;

type FilterValues = readonly (React.Key | boolean)[] | null | undefined;

function yesNoValues(values: FilterValues): YesNo[] {
  return (values ?? []).filter((v): v is YesNo => typeof v === 'string' && (YES_NO as readonly string[]).includes(v));
}

function stringValues(values: FilterValues): string[] {
  return (values ?? []).map(String);
}

export interface LedgerTableProps {
  /** Shown at the start of the toolbar row (the dock's heading). */
  title?: ReactNode;
  /** Shown at the end of the toolbar row (the dock's close button). */
  closeButton?: ReactNode;
}

export function LedgerTable({ title, closeButton }: LedgerTableProps) {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const data = useAtlasStore((s) => s.data);
  const filters = useAtlasStore((s) => s.filter);
  const setFilter = useAtlasStore((s) => s.setFilter);
  const resetFilter = useAtlasStore((s) => s.resetFilter);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const checkedEstateIds = useAtlasStore((s) => s.checkedEstateIds);
  const setCheckedEstateIds = useAtlasStore((s) => s.setCheckedEstateIds);
  const tableRef = useRef<TableRef>(null);
  const clickedId = useRef<number | null>(null);

  const { all: estates, filtered: rows } = useFilteredEstates();
  const totals = useMemo(() => estateTotals(rows.map((f) => f.properties)), [rows]);
  const subdistrictFilters = useMemo(
    () =>
      (data?.subdistricts.features ?? [])
        .map((f) => f.properties)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((p) => ({ text: p.name, value: p.code })),
    [data],
  );

  // A polygon clicked on the map brings its row into view (not when the click came from the row).
  useEffect(() => {
    if (selectedEstateId === null) return;
    if (clickedId.current === selectedEstateId) {
      clickedId.current = null;
      return;
    }
    if (rows.some((f) => f.id === selectedEstateId)) tableRef.current?.scrollTo({ key: selectedEstateId, align: 'start' });
  }, [selectedEstateId, rows]);

  const n = (value: number, digits = 0) => formatNumber(value, language, digits);

  const columns = ledgerColumns({ t, language, filters, subdistrictFilters });
  const scrollXPx = scrollWidthPx(columns);

  const onChange: TableProps<EstateApiFeature>['onChange'] = (_pagination, tableFilters) => {
    setFilter({
      subdistrictCodes: stringValues(tableFilters.subdistrict),
      eligible: yesNoValues(tableFilters.eligible),
      urgent: yesNoValues(tableFilters.urgent),
    });
  };

  const { areaRef, bodyHeightPx } = useTableBodyHeight(rows, language);

  return (
    <div className="atlas-ledger" data-testid="ledger">
      <LedgerToolbar
        title={title}
        closeButton={closeButton}
        filters={filters}
        onFilters={setFilter}
        onReset={resetFilter}
        shownCount={rows.length}
        totalCount={estates.length}
        checkedCount={checkedEstateIds.length}
        n={n}
        exportMenu={<ExportMenu rows={rows} />}
      />
      <div className="atlas-ledger-table" ref={areaRef}>
        <Table<EstateApiFeature>
          ref={tableRef}
          virtual
          size="small"
          bordered
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: scrollXPx, y: bodyHeightPx }}
          onChange={onChange}
          showSorterTooltip={false}
          rowClassName={(f) => (f.id === selectedEstateId ? 'atlas-ledger-row-selected' : '')}
          rowSelection={{
            columnWidth: 40,
            fixed: 'left',
            selectedRowKeys: [...checkedEstateIds],
            onChange: (keys) => setCheckedEstateIds(keys.map(Number)),
          }}
          onRow={(f) => ({
            'data-estate-id': f.id,
            onClick: () => {
              clickedId.current = f.id;
              useAtlasStore.getState().selectEstate(f.id);
              useAtlasStore.getState().requestFlyTo([f.id]);
            },
          })}
          summary={() => ledgerTotalsRow(totals, t, n)}
          locale={{ emptyText: t('ledger.empty') }}
        />
      </div>
    </div>
  );
}
