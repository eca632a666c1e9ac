import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { buildSnapIndex } from '../../core/geometry/snap-to-estates';
import type { Parts } from '../../core/geometry/polygon-parts';
import { editFormReducer, initialEditForm, isFormDirty, shownErrors } from '../../client/src/features/edit/edit-form-session';
import * as session from '../../client/src/features/edit/edit-session';
import type { EditState } from '../../client/src/features/edit/edit-session';
import { openEditSurface } from '../../client/src/features/edit/edit-surface';
import { toolbarState } from '../../client/src/features/edit/edit-toolbar-actions';
import { EMPTY_FORM_VALUES } from '../../client/src/features/edit/form-model';
import { FakeMapAdapter } from '../../client/src/map/fake-map-adapter';

const ring = (dx: number): Position[] => [
  [dx, 0],
  [dx + 1, 0],
  [dx + 1, 1],
  [dx, 0],
];

/** The edit store's updaters over a plain variable, as the zustand store applies them. */
function sessionDriver() {
  let state: EditState = { ...session.initialEdit, ...session.startCreate() };
  const apply = (next: Partial<EditState>) => {
    state = { ...state, ...next };
  };
  return {
    get state() {
      return state;
    },
    edit: {
      setLive: (live: Parts | null, sketching: boolean) => apply(session.setLive(state, live, sketching)),
      commitParts: (parts: Parts) => apply(session.commitParts(state, parts)),
      setTool: (tool: session.EditTool) => apply(session.setTool(state, tool)),
    },
  };
}

describe('the editing session on a map', () => {
  it('takes the pointer from the map and hides the edited estate until it closes', () => {
    const map = new FakeMapAdapter();
    const driver = sessionDriver();
    const { close } = openEditSurface({ map, editedId: 7, snapIndex: () => buildSnapIndex([]), edit: driver.edit });
    expect(map.interactive).toBe(false);
    expect(map.hiddenEstateIds).toEqual([7]);
    close();
    expect(map.interactive).toBe(true);
    expect(map.hiddenEstateIds).toEqual([]);
    expect(map.drawSurfaces[0]?.destroyed).toBe(true);
  });

  it('records a sketch as live only, and a closed polygon as a step that switches to selecting', () => {
    const map = new FakeMapAdapter();
    const driver = sessionDriver();
    openEditSurface({ map, editedId: null, snapIndex: () => buildSnapIndex([]), edit: driver.edit });
    const surface = map.drawSurfaces[0];
    if (!surface) throw new Error('no draw surface was created');
    surface.sketchPolygon(ring(0));
    expect(driver.state.session?.sketching).toBe(true);
    expect(driver.state.session?.history.present).toEqual([]);
    expect(session.saveBlocker(driver.state.session!, 0)).toBe('sketching');

    surface.gesture([ring(0)], true);
    expect(driver.state.session?.history.present).toEqual([ring(0)]);
    expect(driver.state.session?.tool).toBe('select');
    expect(session.saveBlocker(driver.state.session!, 0)).toBeNull();
  });
});

describe('the edit toolbar', () => {
  it('offers new and edit (with a selection) outside a session, and save only when nothing blocks it', () => {
    expect(toolbarState(null, false, false, null).enabled).toMatchObject({
      create: true,
      edit: false,
      delete: false,
      save: false,
      cancel: false,
    });
    expect(toolbarState(null, true, false, null).enabled).toMatchObject({ edit: true, delete: true });
    const drawing = session.startCreate().session!;
    expect(toolbarState(drawing, false, false, 'noGeometry').enabled).toMatchObject({
      create: false,
      save: false,
      cancel: true,
      delete: false,
    });
    expect(toolbarState(drawing, false, false, null).enabled.save).toBe(true);
    expect(toolbarState(drawing, false, true, null).enabled.save).toBe(false);
    expect(toolbarState(drawing, false, false, null).visible.addPart).toBe(true);
  });
});

describe('the attribute form of a session', () => {
  it('shows a client error only once its field is touched, and every error after a save attempt', () => {
    const errors = { name: 'name is required', households: 'must be whole' };
    let form = editFormReducer(initialEditForm, { type: 'change', values: { ...EMPTY_FORM_VALUES, name: ' ' } });
    expect(shownErrors(form, errors)).toEqual({ name: 'name is required' });
    form = editFormReducer(form, { type: 'showAllErrors' });
    expect(shownErrors(form, errors)).toEqual(errors);
  });

  it('drops a server error when its field changes', () => {
    let form = editFormReducer(initialEditForm, { type: 'serverError', field: 'code', message: 'code taken' });
    expect(shownErrors(form, {})).toEqual({ code: 'code taken' });
    form = editFormReducer(form, { type: 'change', values: { ...EMPTY_FORM_VALUES, code: 'X2' } });
    expect(shownErrors(form, {})).toEqual({});
  });

  it('is dirty after a change and clean again after a reset, which also closes a dialog', () => {
    let form = editFormReducer(initialEditForm, { type: 'change', values: { ...EMPTY_FORM_VALUES, notes: 'x' } });
    expect(isFormDirty(form)).toBe(true);
    form = editFormReducer(form, { type: 'openDialog', dialog: { kind: 'overlap', overlaps: [] } });
    form = editFormReducer(form, { type: 'reset', values: { ...EMPTY_FORM_VALUES, notes: 'x' } });
    expect(isFormDirty(form)).toBe(false);
    expect(form.dialog).toBeNull();
  });
});
