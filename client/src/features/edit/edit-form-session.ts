/**
 * The attribute form of an editing session: the values, what the planner touched, the errors a
 * refused save named and the dialog it opened. Pure state and transitions (a useReducer in
 * EditLayer.tsx), beside the geometry session of edit-session.ts.
 */
import type { EstateApiFeature, EstateOverlap } from '../../api';
import { EMPTY_FORM_VALUES, type EstateFormValues, type FieldErrors, type FormField } from './form-model';

/** The dialog of a refused save: an overlap (save anyway?) or a version conflict (whose version?). */
export type SaveDialog =
  { kind: 'overlap'; overlaps: EstateOverlap[] } | { kind: 'conflict'; current: EstateApiFeature | null; mineVersion: number };

export interface EditFormState {
  values: EstateFormValues;
  /** The values the session started from (dirty = values differ from these). */
  initialValues: EstateFormValues;
  touched: ReadonlySet<FormField>;
  /** After a save attempt every client-side error shows, touched or not. */
  showAllErrors: boolean;
  serverErrors: FieldErrors;
  dialog: SaveDialog | null;
}

export type EditFormAction =
  | { type: 'reset'; values: EstateFormValues }
  | { type: 'change'; values: EstateFormValues }
  | { type: 'showAllErrors' }
  | { type: 'serverError'; field: FormField; message: string }
  | { type: 'openDialog'; dialog: SaveDialog }
  | { type: 'closeDialog' };

export const initialEditForm: EditFormState = {
  values: EMPTY_FORM_VALUES,
  initialValues: EMPTY_FORM_VALUES,
  touched: new Set(),
  showAllErrors: false,
  serverErrors: {},
  dialog: null,
};

/** The fields whose values differ. */
export function changedFields(before: EstateFormValues, after: EstateFormValues): FormField[] {
  return (Object.keys(after) as FormField[]).filter((key) => after[key] !== before[key]);
}

/**
 * The next form state; a change marks its fields touched and drops the server's errors on them.
 * @example editFormReducer(initialEditForm, { type: 'change', values: { ...EMPTY_FORM_VALUES, name: 'A' } }).touched // Set { 'name' }
 */
export function editFormReducer(state: EditFormState, action: EditFormAction): EditFormState {
  switch (action.type) {
    case 'reset':
      return { ...initialEditForm, values: action.values, initialValues: action.values };
    case 'change': {
      const changed = changedFields(state.values, action.values);
      const serverErrors = { ...state.serverErrors };
      for (const field of changed) delete serverErrors[field];
      return { ...state, values: action.values, touched: new Set([...state.touched, ...changed]), serverErrors };
    }
    case 'showAllErrors':
      return state.showAllErrors ? state : { ...state, showAllErrors: true };
    case 'serverError':
      return { ...state, serverErrors: { ...state.serverErrors, [action.field]: action.message }, showAllErrors: true };
    case 'openDialog':
      return { ...state, dialog: action.dialog };
    case 'closeDialog':
      return state.dialog === null ? state : { ...state, dialog: null };
  }
}

/** The errors to show: the server's, plus the client's on touched fields (all of them after a save attempt). */
export function shownErrors(state: EditFormState, clientErrors: FieldErrors): FieldErrors {
  const shown: FieldErrors = { ...state.serverErrors };
  for (const [field, text] of Object.entries(clientErrors) as [FormField, string][]) {
    if (state.showAllErrors || state.touched.has(field)) shown[field] = text;
  }
  return shown;
}

/** The planner changed an attribute since the session started. */
export function isFormDirty(state: EditFormState): boolean {
  return changedFields(state.initialValues, state.values).length > 0;
}
