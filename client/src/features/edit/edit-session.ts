/**
 * The editing session: which estate (or a new one), the geometry history, the live outline
 * while a vertex is dragged or a polygon drawn, and the tool in use. Pure updaters
 * (state, argument) → partial state, used by the zustand store in edit-store.ts.
 */
import type { EstateApiFeature } from '../../api';
import { canRedo, canUndo, pushSnapshot, redo, startHistory, undo, type EditHistory } from './edit-history';
import type { Parts } from '../../../../core/geometry/polygon-parts';
import { partsOf } from '../../../../core/geometry/polygon-parts';

/** draw = clicking the vertices of a new polygon (part); select = moving vertices and parts. */
export type EditTool = 'draw' | 'select';

export interface EditSession {
  /** null for a new estate */
  original: EstateApiFeature | null;
  history: EditHistory;
  /** The outline as Terra Draw shows it right now (mid-drag, mid-draw); null when it equals history.present. */
  live: Parts | null;
  /** A polygon is being clicked in and not yet closed. */
  sketching: boolean;
  tool: EditTool;
  hadHoles: boolean;
  /** Bumped when the drawing surface must reload history.present (start, undo, redo). */
  revision: number;
}

export interface EditState {
  session: EditSession | null;
  saving: boolean;
}

export const initialEdit: EditState = { session: null, saving: false };

export function startCreate(): Partial<EditState> {
  return {
    session: { original: null, history: startHistory([]), live: null, sketching: false, tool: 'draw', hadHoles: false, revision: 1 },
    saving: false,
  };
}

export function startEdit(_state: EditState, estate: EstateApiFeature): Partial<EditState> {
  const { parts, hadHoles } = partsOf(estate.geometry);
  return {
    session: { original: estate, history: startHistory(parts), live: null, sketching: false, tool: 'select', hadHoles, revision: 1 },
    saving: false,
  };
}

export function endSession(): Partial<EditState> {
  return { session: null, saving: false };
}

/** A finished user action on the map (vertex dropped, polygon closed, part deleted). */
export function commitParts(state: EditState, parts: Parts): Partial<EditState> {
  if (!state.session) return {};
  return { session: { ...state.session, history: pushSnapshot(state.session.history, parts), live: null, sketching: false } };
}

export function setLive(state: EditState, live: Parts | null, sketching: boolean): Partial<EditState> {
  if (!state.session) return {};
  return { session: { ...state.session, live, sketching } };
}

export function setTool(state: EditState, tool: EditTool): Partial<EditState> {
  if (!state.session || state.session.tool === tool) return {};
  return { session: { ...state.session, tool, live: null, sketching: false } };
}

function moveHistory(state: EditState, step: (h: EditHistory) => EditHistory, allowed: (h: EditHistory) => boolean): Partial<EditState> {
  const session = state.session;
  if (!session || !allowed(session.history)) return {};
  const history = step(session.history);
  // With nothing left to select (a new estate undone to empty), go back to drawing.
  const tool: EditTool = history.present.length === 0 ? 'draw' : 'select';
  return { session: { ...session, history, live: null, sketching: false, tool, revision: session.revision + 1 } };
}

export function undoEdit(state: EditState): Partial<EditState> {
  return moveHistory(state, undo, canUndo);
}

export function redoEdit(state: EditState): Partial<EditState> {
  return moveHistory(state, redo, canRedo);
}

/** Replaces the geometry being edited (e.g. "reload theirs" after a version conflict). */
export function rebaseOn(state: EditState, estate: EstateApiFeature): Partial<EditState> {
  const next = startEdit(state, estate);
  return next.session ? { session: { ...next.session, revision: (state.session?.revision ?? 0) + 1 } } : {};
}

/** Keeps my geometry and history but bases the next PATCH on `estate` ("keep mine" after a conflict). */
export function adoptBase(state: EditState, estate: EstateApiFeature): Partial<EditState> {
  if (!state.session) return {};
  return { session: { ...state.session, original: estate } };
}

export function setSaving(_state: EditState, saving: boolean): Partial<EditState> {
  return { saving };
}

/** The outline to measure and show: the live one while the user is mid-gesture. */
export function currentParts(session: EditSession): Parts {
  return session.live ?? session.history.present;
}

/** Why Save is not possible now, most fundamental first; null when it is. */
export type SaveBlocker = 'noGeometry' | 'sketching' | 'selfIntersection';

export function saveBlocker(session: EditSession, selfIntersectionCount: number): SaveBlocker | null {
  if (session.sketching) return 'sketching';
  if (session.history.present.length === 0) return 'noGeometry';
  if (selfIntersectionCount > 0) return 'selfIntersection';
  return null;
}
