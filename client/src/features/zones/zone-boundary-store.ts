/**
 * The hand-drawn zone boundary being edited (片区范围), kept apart from the atlas store as the
 * estate editor keeps its session: nothing in it reaches the server until Save.
 */
import { create } from 'zustand';
import { partsOf, type Parts } from '../../../../core/geometry/polygon-parts';
import type { ZoneApiFeature } from '../../api';

/** Terra Draw refuses coordinates finer than the adapter's precision (9 decimals, as atlas-map.ts sets). */
const COORDINATE_SCALE = 1e9;

export interface ZoneBoundaryEdit {
  zoneId: number;
  /** The boundary as the planner has left it: one outer ring per part. */
  parts: Parts;
}

interface ZoneBoundaryState {
  edit: ZoneBoundaryEdit | null;
  /** Starts from the zone's current outline; holes are dropped, so the start covers every member. */
  start(zone: ZoneApiFeature): void;
  setParts(parts: Parts): void;
  stop(): void;
}

const round = (value: number | undefined): number => Math.round((value ?? 0) * COORDINATE_SCALE) / COORDINATE_SCALE;

export const useZoneBoundaryStore = create<ZoneBoundaryState>()((set) => ({
  edit: null,
  start: (zone) =>
    set({ edit: { zoneId: zone.id, parts: partsOf(zone.geometry).parts.map((ring) => ring.map((p) => [round(p[0]), round(p[1])])) } }),
  setParts: (parts) => set((s) => (s.edit ? { edit: { ...s.edit, parts } } : {})),
  stop: () => set({ edit: null }),
}));
