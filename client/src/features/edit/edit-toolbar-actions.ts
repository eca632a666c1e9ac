/** The edit toolbar's actions and which of them the session allows now (pure, tested). */
import { canRedo, canUndo } from './edit-history';
import type { EditSession, SaveBlocker } from './edit-session';

export const TOOLBAR_ACTIONS = ['create', 'edit', 'addPart', 'delete', 'undo', 'redo', 'save', 'cancel'] as const;
export type ToolbarAction = (typeof TOOLBAR_ACTIONS)[number];

export interface ToolbarState {
  visible: Readonly<Record<ToolbarAction, boolean>>;
  enabled: Readonly<Record<ToolbarAction, boolean>>;
}

/**
 * What the toolbar shows and allows: starting needs no session (editing or deleting needs a
 * selected estate), the rest needs one; undo and redo wait while a polygon is being clicked in.
 * @example toolbarState(null, true, false, null).enabled.edit // true
 */
export function toolbarState(
  session: EditSession | null,
  hasSelection: boolean,
  saving: boolean,
  blocker: SaveBlocker | null,
): ToolbarState {
  const active = session !== null;
  const history = session?.history;
  const sketching = session?.sketching ?? false;
  return {
    visible: { create: true, edit: true, addPart: active, delete: true, undo: true, redo: true, save: true, cancel: true },
    enabled: {
      create: !active,
      edit: !active && hasSelection,
      addPart: active && session.tool === 'select',
      delete: active ? session.original !== null : hasSelection,
      undo: Boolean(history && canUndo(history)) && !sketching,
      redo: Boolean(history && canRedo(history)) && !sketching,
      save: active && blocker === null && !saving,
      cancel: active,
    },
  };
}

/** The actions that write the ledger (need `ledger.write`); the others only act on a session. */
export const WRITE_ACTIONS: readonly ToolbarAction[] = ['create', 'edit', 'addPart', 'delete'];

/**
 * The toolbar of a role that may not edit the ledger: draw, edit and delete stay in sight but
 * disabled (their tooltip says why); the session's buttons, never reachable, are hidden.
 * @example readOnlyToolbar(toolbarState(null, true, false, null)).enabled.edit // false
 */
export function readOnlyToolbar(state: ToolbarState): ToolbarState {
  const visible = Object.fromEntries(TOOLBAR_ACTIONS.map((a) => [a, a === 'create' || a === 'edit' || a === 'delete'])) as Record<
    ToolbarAction,
    boolean
  >;
  const enabled = Object.fromEntries(TOOLBAR_ACTIONS.map((a) => [a, false])) as Record<ToolbarAction, boolean>;
  return { ...state, visible, enabled };
}
