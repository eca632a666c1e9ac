/**
 * The ledger (台账): every estate of the loaded collection in a virtualised antd Table, with
 * filters, text search, a totals row of the filtered rows and selection synced with the map.
 */
import { Button, Input, InputNumber, Table, Tag } from 'antd';
import type { GetRef, TableColumnsType, TableProps } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EstateApiFeature } from '../../api';
import { formatNumber } from '../../shared/format';
import { useAtlasStore } from '../../state/atlas-store';
import { ExportMenu } from '../export/ExportMenu';
import { estateTotals } from '../../../../core/estate-totals';
import { EMPTY_LEDGER_FILTERS, filterLedgerRows, hasActiveFilters, YES_NO, type LedgerFilters, type YesNo } from './ledger-rows';

type TableRef = GetRef<typeof Table<EstateApiFeature>>;

/** Until measured: height of the column header, of the totals row and of the horizontal scroll bar. */
const INITIAL_CHROME_PX = 40 + 40 + 12;

type FilterValues = readonly (React.Key | boolean)[] | null | undefined;

function yesNoValues(values: FilterValues): YesNo[] {
  return (values ?? []).filter((v): v is YesNo => typeof v === 'string' && (YES_NO as readonly string[]).includes(v));
}

function stringValues(values: FilterValues): string[] {
  return (values ?? []).map(String);
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN');
}

export function LedgerTable() {
  const { t } = useTranslation();
  const language = useAtlasStore((s) => s.language);
  const data = useAtlasStore((s) => s.data);
  const sidebarSubdistrict = useAtlasStore((s) => s.subdistrictFilter);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const checkedEstateIds = useAtlasStore((s) => s.checkedEstateIds);
  const setCheckedEstateIds = useAtlasStore((s) => s.setCheckedEstateIds);
  const [filters, setFilters] = useState<LedgerFilters>(EMPTY_LEDGER_FILTERS);
  const tableRef = useRef<TableRef>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const [areaPx, setAreaPx] = useState(0);
  const [chromePx, setChromePx] = useState(INITIAL_CHROME_PX);
  const clickedId = useRef<number | null>(null);

  const estates = useMemo(() => data?.estates.features ?? [], [data]);
  const rows = useMemo(() => filterLedgerRows(estates, sidebarSubdistrict, filters), [estates, sidebarSubdistrict, filters]);
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
  const yesNoFilters = YES_NO.map((v) => ({ text: t(`ledger.${v}`), value: v }));

  const columns: TableColumnsType<EstateApiFeature> = [
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
  const scrollXPx = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 100), 0) + 40;

  const onChange: TableProps<EstateApiFeature>['onChange'] = (_pagination, tableFilters) => {
    setFilters((current) => ({
      ...current,
      subdistrictCodes: stringValues(tableFilters.subdistrict),
      eligible: yesNoValues(tableFilters.eligible),
      urgent: yesNoValues(tableFilters.urgent),
    }));
  };

  // The virtual list needs its height in pixels: the area left by the dock minus the table's own chrome.
  useEffect(() => {
    const area = areaRef.current;
    if (!area) return;
    const observer = new ResizeObserver(() => setAreaPx(area.clientHeight));
    observer.observe(area);
    setAreaPx(area.clientHeight);
    return () => observer.disconnect();
  }, []);
  useLayoutEffect(() => {
    const area = areaRef.current;
    const body = area?.querySelector<HTMLElement>('.ant-table-tbody-virtual-holder, .ant-table-body');
    const table = area?.querySelector<HTMLElement>('.ant-table');
    if (!body || !table) return;
    const chrome = table.getBoundingClientRect().height - body.getBoundingClientRect().height;
    if (chrome > 0 && Math.abs(chrome - chromePx) > 1) setChromePx(Math.ceil(chrome));
  }, [areaPx, rows, language, chromePx]);

  const filtered = hasActiveFilters(filters);
  const bodyHeightPx = Math.max(60, areaPx - chromePx - 2);

  return (
    <div className="atlas-ledger" data-testid="ledger">
      <div className="atlas-ledger-toolbar">
        <Input.Search
          allowClear
          className="atlas-ledger-search"
          data-testid="ledger-search"
          placeholder={t('ledger.searchPlaceholder')}
          aria-label={t('ledger.searchPlaceholder')}
          onChange={(e) => setFilters((current) => ({ ...current, search: e.target.value }))}
          value={filters.search}
        />
        <span className="atlas-ledger-year">
          <span className="atlas-ledger-label">{t('ledger.yearBuilt')}</span>
          <InputNumber
            size="middle"
            className="atlas-ledger-year-input"
            data-testid="ledger-year-from"
            placeholder={t('ledger.from')}
            aria-label={t('ledger.yearFrom')}
            min={1900}
            max={2100}
            value={filters.yearFrom}
            onChange={(value) => setFilters((current) => ({ ...current, yearFrom: typeof value === 'number' ? value : null }))}
          />
          <span aria-hidden="true">–</span>
          <InputNumber
            size="middle"
            className="atlas-ledger-year-input"
            data-testid="ledger-year-to"
            placeholder={t('ledger.to')}
            aria-label={t('ledger.yearTo')}
            min={1900}
            max={2100}
            value={filters.yearTo}
            onChange={(value) => setFilters((current) => ({ ...current, yearTo: typeof value === 'number' ? value : null }))}
          />
        </span>
        <Button disabled={!filtered} onClick={() => setFilters(EMPTY_LEDGER_FILTERS)} data-testid="ledger-reset">
          {t('ledger.reset')}
        </Button>
        <span className="atlas-ledger-count" data-testid="ledger-count">
          {t('ledger.count', { shown: n(rows.length), total: n(estates.length) })}
          {checkedEstateIds.length ? <span className="atlas-secondary"> · {t('ledger.checked', { count: checkedEstateIds.length })}</span> : null}
        </span>
        <ExportMenu rows={rows} tableFiltered={filtered} />
      </div>
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
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row className="atlas-ledger-totals" data-testid="ledger-totals">
              <Table.Summary.Cell index={0} colSpan={3}>
                <strong>{t('ledger.totals', { count: n(totals.estates) })}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={4} />
              <Table.Summary.Cell index={7} align="right">
                <span data-testid="ledger-total-buildings">{n(totals.buildings)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                <span data-testid="ledger-total-households">{n(totals.households)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                <span data-testid="ledger-total-floor-area">{n(totals.floorAreaM2)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={10} colSpan={5} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
        locale={{ emptyText: t('ledger.empty') }}
      />
      </div>
    </div>
  );
}
