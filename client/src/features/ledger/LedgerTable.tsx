/**
 * The ledger (台账): the estates that pass the atlas filter in a virtualised antd Table, all of
 * them, or page by page from the server in a city drawn from tiles (use-ledger-rows.ts). Its
 * column filters, search and year range set the one atlas filter in the store, so they filter the
 * map and the summary strip too; a totals row of the rows and selection synced with the map.
 */
import { Table } from 'antd';
import type { GetRef, TableProps } from 'antd';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { isLedgerFieldKey } from '../../../../core/ledger-fields';
import { useTranslation } from 'react-i18next';
import type { EstateApiFeature } from '../../api';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { ExportMenu } from '../export/ExportMenu';
import { ledgerColumns, ledgerTotalsRow, scrollWidthPx } from './ledger-columns';
import { YES_NO, type YesNo } from '../../state/atlas-filter';
import { LedgerToolbar } from './LedgerToolbar';
import { useTableBodyHeight } from './use-table-body-height';
import { useLedgerRows } from './use-ledger-rows';
import { LEDGER_PAGE_ROWS } from './ledger-paging';

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

  const { rows, shownCount, totalCount, totals, paging } = useLedgerRows();
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

  const columns = ledgerColumns({ t, language, filters, subdistrictFilters, ...(paging ? { serverSort: paging.sort } : {}) });
  const scrollXPx = scrollWidthPx(columns);

  const onChange: TableProps<EstateApiFeature>['onChange'] = (_pagination, tableFilters, sorter, extra) => {
    if (extra.action === 'paginate') return;
    if (extra.action === 'sort') {
      // Only a paged ledger's columns sort by the server (their sorter is true); the others sort the rows held.
      const column = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = String(column?.columnKey ?? '');
      paging?.setSort(column?.order && isLedgerFieldKey(key) ? { key, order: column.order } : null);
      return;
    }
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
        shownCount={shownCount}
        totalCount={totalCount}
        checkedCount={checkedEstateIds.length}
        n={n}
        exportMenu={<ExportMenu filteredCount={shownCount} />}
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
          loading={paging?.loading === true && rows.length === 0}
          pagination={
            paging
              ? {
                  current: paging.page,
                  pageSize: LEDGER_PAGE_ROWS,
                  // At least the rows shown, so antd never takes a page for the whole list while the count loads.
                  total: Math.max(shownCount, (paging.page - 1) * LEDGER_PAGE_ROWS + rows.length),
                  showSizeChanger: false,
                  size: 'small',
                  showTotal: (total, [from, to]) => t('ledger.pageRange', { from: n(from), to: n(to), total: n(total) }),
                  onChange: paging.setPage,
                }
              : false
          }
          scroll={{ x: scrollXPx, y: bodyHeightPx }}
          onChange={onChange}
          showSorterTooltip={false}
          rowClassName={(f) => (f.id === selectedEstateId ? 'atlas-ledger-row-selected' : '')}
          rowSelection={{
            columnWidth: 40,
            fixed: 'left',
            selectedRowKeys: [...checkedEstateIds],
            // A paged ledger keeps the rows checked on other pages.
            preserveSelectedRowKeys: paging !== null,
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
          summary={() => (totals ? ledgerTotalsRow(totals, t, n) : null)}
          locale={{ emptyText: t('ledger.empty') }}
        />
      </div>
    </div>
  );
}
