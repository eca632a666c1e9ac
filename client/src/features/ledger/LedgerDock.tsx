/**
 * The bottom dock under the map that holds the ledger table. Its height can be dragged between
 * limits that always leave the map usable; the map resizes with its container.
 */
import { Button } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlasStore } from '../../state/atlas-store';
import { LedgerTable } from './LedgerTable';
import './ledger.css';

/** Dock height limits as fractions of the map column's height. */
export const LEDGER_DOCK = {
  defaultFraction: 0.4,
  minPx: 200,
  maxFraction: 0.75,
};

/** The app header's height (styles.css .atlas-header). */
const HEADER_PX = 52;

function clampHeight(heightPx: number, columnPx: number): number {
  return Math.round(Math.max(LEDGER_DOCK.minPx, Math.min(heightPx, columnPx * LEDGER_DOCK.maxFraction)));
}

export function LedgerDock() {
  const { t } = useTranslation();
  const setLedgerOpen = useAtlasStore((s) => s.setLedgerOpen);
  const dockRef = useRef<HTMLDivElement>(null);
  // Before the first layout the map column is the window below the header.
  const [heightPx, setHeightPx] = useState(() => clampHeight((window.innerHeight - HEADER_PX) * LEDGER_DOCK.defaultFraction, window.innerHeight - HEADER_PX));

  const columnHeight = useCallback(() => dockRef.current?.parentElement?.clientHeight ?? window.innerHeight - HEADER_PX, []);

  useEffect(() => {
    const onResize = () => setHeightPx((h) => clampHeight(h, columnHeight()));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [columnHeight]);

  const startDrag = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const startY = event.clientY;
    const startHeight = heightPx;
    const onMove = (e: PointerEvent) => setHeightPx(clampHeight(startHeight + startY - e.clientY, columnHeight()));
    const onUp = () => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  return (
    <section className="atlas-ledger-dock" ref={dockRef} style={{ height: heightPx }} data-testid="ledger-dock" aria-label={t('ledger.title')}>
      <div
        className="atlas-ledger-handle"
        role="separator"
        aria-orientation="horizontal"
        aria-label={t('ledger.resize')}
        onPointerDown={startDrag}
      />
      <div className="atlas-ledger-title">
        <h2>{t('ledger.title')}</h2>
        <Button size="small" type="text" onClick={() => setLedgerOpen(false)} data-testid="ledger-close">
          {t('ledger.close')}
        </Button>
      </div>
      <LedgerTable />
    </section>
  );
}
