/**
 * The ledger's rows: every estate the filter passes when the browser holds the whole city (the
 * table sorts them), or one page of them from the server when the map draws the city from tiles
 * and the browser holds only the estates opened (GET /api/estates with sort, offset and limit).
 */
import { useEffect, useState } from 'react';
import { useErrorNotice } from '../atlas/use-error-notice';
import type { LedgerSort } from '../../../../core/contract/index';
import { fetchLedgerPage, isAbortError, type EstateApiFeature, type Summary } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import type { AtlasFilter } from '../../state/atlas-filter';
import { useFilteredEstates } from '../../state/use-filtered-estates';
import { useSummaryFigures } from '../atlas/use-summary-figures';
import { LEDGER_PAGE_ROWS } from './ledger-paging';

export interface LedgerPaging {
  /** 1-based, as antd's pagination counts. */
  page: number;
  sort: LedgerSort | null;
  loading: boolean;
  setPage(page: number): void;
  setSort(sort: LedgerSort | null): void;
}

export interface LedgerRows {
  rows: readonly EstateApiFeature[];
  /** How many estates the filter passes, and the ledger holds. */
  shownCount: number;
  totalCount: number;
  /** The totals of the estates the filter passes (null until the server answers). */
  totals: Summary | null;
  /** Null when every row is in the browser. */
  paging: LedgerPaging | null;
}

/** The page and sort, kept with the filter they were chosen under: a new filter starts again at page 1. */
interface PageChoice {
  filter: AtlasFilter;
  page: number;
  sort: LedgerSort | null;
}

export function useLedgerRows(): LedgerRows {
  const pageFailed = useErrorNotice((t) => t('ledger.pageFailed'));
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  const cityEstates = useAtlasStore((s) => s.data?.config.estateSource.estates ?? 0);
  // An estate write may change the page (an estate merely opened does not).
  const estateWrites = useAtlasStore((s) => s.estateWrites);
  const filter = useAtlasStore((s) => s.filter);
  const { all, filtered } = useFilteredEstates();
  const totals = useSummaryFigures();
  const [choice, setChoice] = useState<PageChoice>({ filter, page: 1, sort: null });
  const page = choice.filter === filter ? choice.page : 1;
  const sort = choice.sort;
  const [answer, setAnswer] = useState<{ key: string; rows: readonly EstateApiFeature[] } | null>(null);
  const key = JSON.stringify([filter, page, sort]);

  useEffect(() => {
    if (!tiled) return;
    const controller = new AbortController();
    fetchLedgerPage(filter, { offset: (page - 1) * LEDGER_PAGE_ROWS, limit: LEDGER_PAGE_ROWS, sort }, controller.signal)
      .then((collection) => setAnswer({ key, rows: collection.features }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) pageFailed();
      });
    return () => controller.abort();
  }, [tiled, filter, page, sort, key, estateWrites, pageFailed]);

  if (!tiled) return { rows: filtered, shownCount: filtered.length, totalCount: all.length, totals, paging: null };
  return {
    // The last answer stays shown while the next loads, so the table does not flash empty.
    rows: answer?.rows ?? [],
    shownCount: totals?.estates ?? 0,
    totalCount: cityEstates,
    totals,
    paging: {
      page,
      sort,
      loading: answer?.key !== key,
      setPage: (next) => setChoice({ filter, page: next, sort }),
      setSort: (next) => setChoice({ filter, page: 1, sort: next }),
    },
  };
}
