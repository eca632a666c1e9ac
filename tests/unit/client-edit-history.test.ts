import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import {
  canRedo,
  canUndo,
  MAX_HISTORY_STEPS,
  pushSnapshot,
  redo,
  sameParts,
  startHistory,
  undo,
} from '../../client/src/features/edit/edit-history';
import type { Parts } from '../../core/geometry/polygon-parts';
import * as session from '../../client/src/features/edit/edit-session';
import type { EstateApiFeature } from '../../client/src/api/types';

const ring = (dx: number): Position[] => [
  [dx, 0],
  [dx + 1, 0],
  [dx + 1, 1],
  [dx, 0],
];
const a: Parts = [ring(0)];
const b: Parts = [ring(5)];
const c: Parts = [ring(0), ring(9)];

describe('the editing history', () => {
  it('undoes and redoes snapshots in order', () => {
    let h = pushSnapshot(pushSnapshot(startHistory(a), b), c);
    expect(h.present).toBe(c);
    h = undo(h);
    expect(h.present).toBe(b);
    h = undo(h);
    expect(h.present).toBe(a);
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe(b);
    expect(canRedo(h)).toBe(true);
  });

  it('leaves the history as it is when there is nothing to undo or redo', () => {
    const h = startHistory(a);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
  });

  it('drops the redo stack when a new change is made after an undo', () => {
    const h = pushSnapshot(undo(pushSnapshot(startHistory(a), b)), c);
    expect(h.present).toBe(c);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe(a);
  });

  it('does not record a snapshot equal to the present as a step', () => {
    const h = startHistory(a);
    expect(pushSnapshot(h, [ring(0)])).toBe(h);
    expect(sameParts(a, [ring(0)])).toBe(true);
    expect(sameParts(a, b)).toBe(false);
    expect(sameParts(a, c)).toBe(false);
  });

  it(`keeps at most ${MAX_HISTORY_STEPS} undo steps`, () => {
    let h = startHistory(a);
    for (let i = 1; i <= MAX_HISTORY_STEPS + 20; i++) h = pushSnapshot(h, [ring(i)]);
    expect(h.past).toHaveLength(MAX_HISTORY_STEPS);
    expect(h.past[0]).toEqual([ring(20)]);
    expect(h.present).toEqual([ring(MAX_HISTORY_STEPS + 20)]);
  });
});

const estate = {
  type: 'Feature',
  id: 4,
  geometry: { type: 'MultiPolygon', coordinates: [[ring(0)], [ring(5), ring(5.2)]] },
  properties: { version: 3 },
} as unknown as EstateApiFeature;

describe('the editing session', () => {
  it('starts an edit from the estate outer rings and notes dropped holes', () => {
    const s = session.startEdit(session.initialEdit, estate).session;
    expect(s?.history.present).toEqual([ring(0), ring(5)]);
    expect(s?.hadHoles).toBe(true);
    expect(s?.tool).toBe('select');
  });

  it('keeps nothing from the server until save: commits, undo and a live outline are local', () => {
    let state = { ...session.initialEdit, ...session.startEdit(session.initialEdit, estate) };
    state = { ...state, ...session.setLive(state, [ring(1)], false) };
    expect(state.session && session.currentParts(state.session)).toEqual([ring(1)]);
    state = { ...state, ...session.commitParts(state, [ring(1)]) };
    expect(state.session?.live).toBeNull();
    const revision = state.session?.revision ?? 0;
    state = { ...state, ...session.undoEdit(state) };
    expect(state.session?.history.present).toEqual([ring(0), ring(5)]);
    expect(state.session?.revision).toBe(revision + 1);
    state = { ...state, ...session.endSession() };
    expect(state.session).toBeNull();
  });

  it('blocks save while sketching, without geometry, or with a self-intersection', () => {
    const created = session.startCreate().session;
    if (!created) throw new Error('no session');
    expect(session.saveBlocker(created, 0)).toBe('noGeometry');
    expect(session.saveBlocker({ ...created, sketching: true }, 0)).toBe('sketching');
    const drawn = { ...created, history: pushSnapshot(created.history, a) };
    expect(session.saveBlocker(drawn, 1)).toBe('selfIntersection');
    expect(session.saveBlocker(drawn, 0)).toBeNull();
  });
});

describe('undo in a new estate', () => {
  it('goes back to drawing when the only polygon is undone', () => {
    const created = { ...session.initialEdit, ...session.startCreate() };
    const drawn = { ...created, ...session.commitParts(created, a) };
    const withSelect = { ...drawn, ...session.setTool(drawn, 'select') };
    expect(session.undoEdit(withSelect).session?.tool).toBe('draw');
  });
});
