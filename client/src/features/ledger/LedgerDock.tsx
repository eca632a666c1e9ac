/**
 * The bottom dock under the map that holds the ledger table. Its height can be dragged (or moved
 * with the arrow keys on the handle) between limits that always leave the map usable, and is
 * remembered for the next visit; the map resizes with its container.
 */
import { Button } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { browserStorage, clampDockHeight, fitDockToColumn, initialDockHeight, LEDGER_DOCK, storeDockHeight } from './dock-height';
import { LedgerTable } from './LedgerTable';
import './ledger.css';

/** The app header's height (styles.css .atlas-header). */
const HEADER_PX = 52;

export function LedgerDock() {
  const { t } = useTranslation();
  const setLedgerOpen = useAtlasStore((s) => s.setLedgerOpen);
  const dockRef = useRef<HTMLDivElement>(null);
  // Before the first layout the map column is the window below the header.
  const [heightPx, setHeightPx] = useState(() => initialDockHeight(window.innerHeight - HEADER_PX, browserStorage()));

  const columnHeight = useCallback(() => dockRef.current?.parentElement?.clientHeight ?? window.innerHeight - HEADER_PX, []);

  useEffect(() => {
    const onResize = () => setHeightPx((h) => fitDockToColumn(h, columnHeight()));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [columnHeight]);

  const startDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = heightPx;
    let lastHeight = startHeight;
    const onMove = (e: PointerEvent) => {
      lastHeight = clampDockHeight(startHeight + startY - e.clientY, columnHeight());
      setHeightPx(lastHeight);
    };
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      storeDockHeight(lastHeight, browserStorage());
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  const onHandleKey = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowUp' ? LEDGER_DOCK.keyStepPx : event.key === 'ArrowDown' ? -LEDGER_DOCK.keyStepPx : 0;
    if (!step) return;
    event.preventDefault();
    const next = clampDockHeight(heightPx + step, columnHeight());
    setHeightPx(next);
    storeDockHeight(next, browserStorage());
  };

  return (
    <section
      className="atlas-ledger-dock"
      ref={dockRef}
      style={{ height: heightPx }}
      data-testid="ledger-dock"
      aria-label={t('ledger.title')}
    >
      <div
        className="atlas-ledger-handle"
        role="separator"
        tabIndex={0}
        aria-orientation="horizontal"
        aria-label={t('ledger.resize')}
        aria-valuenow={heightPx}
        title={t('ledger.resize')}
        data-testid="ledger-resize"
        onPointerDown={startDrag}
        onKeyDown={onHandleKey}
      />
      <LedgerTable
        title={<h2 className="atlas-ledger-heading">{t('ledger.title')}</h2>}
        closeButton={
          <Button size="small" type="text" onClick={() => setLedgerOpen(false)} data-testid="ledger-close">
            {t('ledger.close')}
          </Button>
        }
      />
    </section>
  );
}
