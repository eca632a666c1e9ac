/**
 * The ledger dock's height: its default, its limits and the planner's last choice, kept in
 * localStorage so the dock opens as it was left.
 */

/** Dock height rules, in pixels of the map column (summary strip + map + dock). */
export const LEDGER_DOCK = {
  /** Shows about nine rows at 1440 × 900 with the compact rows of ledger.css. */
  defaultPx: 420,
  minPx: 180,
  /** A drag may take the dock up to this share of the column. */
  maxFraction: 0.75,
  /** The default never leaves the map less than this (at 1024 × 700 the dock opens smaller). */
  minMapPx: 260,
  /** The summary strip above the map, allowed for when the column is measured whole. */
  summaryPx: 72,
  /** One keyboard step on the handle. */
  keyStepPx: 24,
  storageKey: 'atlas.ledgerDockHeightPx',
} as const;

/** Keeps a height between the minimum and the drag limit of a column of `columnPx`. */
export function clampDockHeight(heightPx: number, columnPx: number): number {
  const maxPx = Math.max(LEDGER_DOCK.minPx, columnPx * LEDGER_DOCK.maxFraction);
  return Math.round(Math.max(LEDGER_DOCK.minPx, Math.min(heightPx, maxPx)));
}

/** The height the dock opens at: the remembered one, else the default that still leaves the map usable. */
export function initialDockHeight(columnPx: number, storage: Pick<Storage, 'getItem'> | null): number {
  const stored = Number(storage?.getItem(LEDGER_DOCK.storageKey) ?? NaN);
  if (Number.isFinite(stored) && stored > 0) return clampDockHeight(stored, columnPx);
  const roomPx = columnPx - LEDGER_DOCK.summaryPx - LEDGER_DOCK.minMapPx;
  return clampDockHeight(Math.min(LEDGER_DOCK.defaultPx, roomPx), columnPx);
}

/**
 * The height after the window is resized: as before, but lower when the window no longer leaves the
 * map `minMapPx` beside it (a dock opened on a tall window would otherwise squeeze the map's controls together).
 * @example fitDockToColumn(420, 628) // 296: 628 − 72 (summary) − 260 (map)
 */
export function fitDockToColumn(heightPx: number, columnPx: number): number {
  const roomPx = columnPx - LEDGER_DOCK.summaryPx - LEDGER_DOCK.minMapPx;
  return clampDockHeight(Math.min(heightPx, roomPx), columnPx);
}

/** Remembers the planner's choice; a browser that refuses storage just forgets it. */
export function storeDockHeight(heightPx: number, storage: Pick<Storage, 'setItem'> | null): void {
  try {
    storage?.setItem(LEDGER_DOCK.storageKey, String(Math.round(heightPx)));
  } catch {
    // Private mode or a full quota: the default applies next time.
  }
}

/** localStorage, or null where reading it throws (storage disabled). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
