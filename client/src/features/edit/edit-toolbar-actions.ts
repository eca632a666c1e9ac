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
