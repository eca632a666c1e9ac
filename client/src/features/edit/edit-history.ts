/**
 * Undo/redo within one editing session: a stack of geometry snapshots. Pure updaters,
 * (history, argument) → history, so the zustand store and the tests share them.
 */
import type { Parts } from '../../../../core/geometry/polygon-parts';

export interface EditHistory {
  past: readonly Parts[];
  present: Parts;
  future: readonly Parts[];
}

/** More steps than a planner would ever undo; keeps memory bounded on long sessions. */
export const MAX_HISTORY_STEPS = 200;

export function startHistory(parts: Parts): EditHistory {
  return { past: [], present: parts, future: [] };
}

/** Same rings, vertex by vertex (exact equality: snapshots come from the same store). */
export function sameParts(a: Parts, b: Parts): boolean {
  if (a.length !== b.length) return false;
  return a.every((ring, i) => {
    const other = b[i];
    if (!other || other.length !== ring.length) return false;
    return ring.every((p, j) => {
      const q = other[j];
      return q !== undefined && p[0] === q[0] && p[1] === q[1];
    });
  });
}

/** Records a new state; a snapshot equal to the present is not a step. Clears the redo stack. */
export function pushSnapshot(history: EditHistory, parts: Parts): EditHistory {
  if (sameParts(history.present, parts)) return history;
  const past = [...history.past, history.present];
  return { past: past.length > MAX_HISTORY_STEPS ? past.slice(past.length - MAX_HISTORY_STEPS) : past, present: parts, future: [] };
}

export function undo(history: EditHistory): EditHistory {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: EditHistory): EditHistory {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: rest };
}

export function canUndo(history: EditHistory): boolean {
  return history.past.length > 0;
}

export function canRedo(history: EditHistory): boolean {
  return history.future.length > 0;
}
