/**
 * The virtual table needs its body height in pixels: the area left by the dock minus the table's
 * own chrome (header, totals row, scroll bar, pagination), measured again when the area or the rows change.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Until measured: height of the column header, of the totals row and of the horizontal scroll bar. */
const INITIAL_CHROME_PX = 40 + 40 + 12;

/** The chrome may change height with the rows (a scroll bar comes or goes) and the language (wrapped titles). */
export function useTableBodyHeight(rows: unknown, language: string): { areaRef: RefObject<HTMLDivElement | null>; bodyHeightPx: number } {
  const areaRef = useRef<HTMLDivElement>(null);
  const [areaPx, setAreaPx] = useState(0);
  const [chromePx, setChromePx] = useState(INITIAL_CHROME_PX);
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
    // The wrapper holds the pagination of a paged ledger as well as the table.
    const table = area?.querySelector<HTMLElement>('.ant-table-wrapper');
    if (!body || !table) return;
    const chrome = table.getBoundingClientRect().height - body.getBoundingClientRect().height;
    if (chrome > 0 && Math.abs(chrome - chromePx) > 1) setChromePx(Math.ceil(chrome));
  }, [areaPx, rows, language, chromePx]);

  return { areaRef, bodyHeightPx: Math.max(60, areaPx - chromePx - 2) };
}
