/** The ledger's toolbar: text search, year range, reset, the row count and the export menu. */
import { Button, Input, InputNumber } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasActiveFilter, type AtlasFilter } from '../../state/atlas-filter';

export interface LedgerToolbarProps {
  title?: ReactNode;
  closeButton?: ReactNode;
  filters: AtlasFilter;
  onFilters(patch: Partial<AtlasFilter>): void;
  onReset(): void;
  shownCount: number;
  totalCount: number;
  checkedCount: number;
  /** Formats a number in the UI language. */
  n(value: number): string;
  exportMenu: ReactNode;
}

export function LedgerToolbar({
  title,
  closeButton,
  filters,
  onFilters,
  onReset,
  shownCount,
  totalCount,
  checkedCount,
  n,
  exportMenu,
}: LedgerToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="atlas-ledger-toolbar">
      {title}
      <Input.Search
        allowClear
        className="atlas-ledger-search"
        data-testid="ledger-search"
        placeholder={t('ledger.searchPlaceholder')}
        aria-label={t('ledger.searchPlaceholder')}
        onChange={(e) => onFilters({ search: e.target.value })}
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
          onChange={(value) => onFilters({ yearFrom: typeof value === 'number' ? value : null })}
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
          onChange={(value) => onFilters({ yearTo: typeof value === 'number' ? value : null })}
        />
      </span>
      <Button disabled={!hasActiveFilter(filters)} onClick={onReset} data-testid="ledger-reset">
        {t('ledger.reset')}
      </Button>
      <span className="atlas-ledger-count" data-testid="ledger-count">
        {t('ledger.count', { count: totalCount, shown: n(shownCount), total: n(totalCount) })}
        {checkedCount ? <span className="atlas-secondary"> · {t('ledger.checked', { count: checkedCount })}</span> : null}
      </span>
      {exportMenu}
      {closeButton}
    </div>
  );
}
