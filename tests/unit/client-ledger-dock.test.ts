import { describe, expect, it } from 'vitest';
import {
  clampDockHeight,
  fitDockToColumn,
  initialDockHeight,
  LEDGER_DOCK,
  storeDockHeight,
} from '../../client/src/features/ledger/dock-height';

/** A Storage stand-in holding one map. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the ledger dock height', () => {
  it('opens at the default height on a 1440 × 900 window (map column 848 px)', () => {
    expect(initialDockHeight(848, memoryStorage())).toBe(LEDGER_DOCK.defaultPx);
  });

  it('opens lower on a 1024 × 700 window so the map keeps its minimum height', () => {
    const columnPx = 648;
    const dockPx = initialDockHeight(columnPx, memoryStorage());
    expect(columnPx - LEDGER_DOCK.summaryPx - dockPx).toBeGreaterThanOrEqual(LEDGER_DOCK.minMapPx);
  });

  it('opens at the height the planner left it, kept within the limits of the window', () => {
    const storage = memoryStorage();
    storeDockHeight(512.4, storage);
    expect(storage.items.get(LEDGER_DOCK.storageKey)).toBe('512');
    expect(initialDockHeight(848, storage)).toBe(512);
    expect(initialDockHeight(600, storage)).toBe(450);
  });

  it('ignores a stored value that is not a positive number', () => {
    expect(initialDockHeight(848, memoryStorage({ [LEDGER_DOCK.storageKey]: 'tall' }))).toBe(LEDGER_DOCK.defaultPx);
  });

  it('never drags below the minimum or above three quarters of the column', () => {
    expect(clampDockHeight(10, 848)).toBe(LEDGER_DOCK.minPx);
    expect(clampDockHeight(5000, 848)).toBe(636);
  });

  it('lowers the dock when the window shrinks under it, so the map keeps its minimum, and never below the dock’s own', () => {
    const shortColumnPx = 648;
    const fitted = fitDockToColumn(LEDGER_DOCK.defaultPx, shortColumnPx);
    expect(shortColumnPx - LEDGER_DOCK.summaryPx - fitted).toBe(LEDGER_DOCK.minMapPx);
    // A tall window keeps the height as it was.
    expect(fitDockToColumn(LEDGER_DOCK.defaultPx, 848)).toBe(LEDGER_DOCK.defaultPx);
    expect(fitDockToColumn(LEDGER_DOCK.defaultPx, 300)).toBe(LEDGER_DOCK.minPx);
  });

  it('forgets quietly when the browser refuses to store', () => {
    const refusing = {
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => storeDockHeight(300, refusing)).not.toThrow();
  });
});
