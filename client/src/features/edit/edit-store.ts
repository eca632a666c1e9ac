/**
 * The editing session's own zustand store (kept apart from the atlas store: an edit session is
 * transient and nothing in it reaches the server until Save). Updaters live in edit-session.ts.
 */
import { create } from 'zustand';
import type { EstateApiFeature } from '../../api';
import type { Parts } from '../../../../core/geometry/polygon-parts';
import * as edit from './edit-session';
import type { EditState, EditTool } from './edit-session';

export interface EditActions {
  startCreate(): void;
  startEdit(estate: EstateApiFeature): void;
  endSession(): void;
  commitParts(parts: Parts): void;
  setLive(live: Parts | null, sketching: boolean): void;
  setTool(tool: EditTool): void;
  undo(): void;
  redo(): void;
  rebaseOn(estate: EstateApiFeature): void;
  adoptBase(estate: EstateApiFeature): void;
  setSaving(saving: boolean): void;
}

export const useEditStore = create<EditState & EditActions>()((set) => ({
  ...edit.initialEdit,
  startCreate: () => set(edit.startCreate()),
  startEdit: (estate) => set((s) => edit.startEdit(s, estate)),
  endSession: () => set(edit.endSession()),
  commitParts: (parts) => set((s) => edit.commitParts(s, parts)),
  setLive: (live, sketching) => set((s) => edit.setLive(s, live, sketching)),
  setTool: (tool) => set((s) => edit.setTool(s, tool)),
  undo: () => set((s) => edit.undoEdit(s)),
  redo: () => set((s) => edit.redoEdit(s)),
  rebaseOn: (estate) => set((s) => edit.rebaseOn(s, estate)),
  adoptBase: (estate) => set((s) => edit.adoptBase(s, estate)),
  setSaving: (saving) => set((s) => edit.setSaving(s, saving)),
}));
