/**
 * Connects an editing session to the map: while it lasts the map gives up its pointer and hides
 * the estate being edited, and a draw surface reports the planner's gestures to the session.
 */
import type { SnapIndex } from '../../../../core/geometry/snap-to-estates';
import type { DrawSurface, MapAdapter } from '../../map/map-adapter';
import type { EditActions } from './edit-store';

export interface EditSurfaceOptions {
  map: MapAdapter;
  /** The estate being edited (null for a new one): hidden on the map and not snapped to. */
  editedId: number | null;
  snapIndex: () => SnapIndex;
  edit: Pick<EditActions, 'setLive' | 'commitParts' | 'setTool'>;
  /** Called as the map gives up the pointer (drop any hover). */
  onPointerTaken?(): void;
}

/**
 * Opens the draw surface for a session; the answer's `close` hands the map back.
 * @example const { surface, close } = openEditSurface({ map, editedId: 7, snapIndex, edit: useEditStore.getState() })
 */
export function openEditSurface(options: EditSurfaceOptions): { surface: DrawSurface; close(): void } {
  const { map, editedId, edit } = options;
  map.setInteractive(false);
  map.setHiddenEstateIds(editedId === null ? [] : [editedId]);
  options.onPointerTaken?.();
  const surface = map.createDrawSurface({
    snapIndex: options.snapIndex,
    excludeEstateId: editedId,
    callbacks: {
      onLive: (parts, sketching) => edit.setLive(parts, sketching),
      onCommit: (parts) => edit.commitParts(parts),
      onPolygonClosed: () => edit.setTool('select'),
    },
  });
  return {
    surface,
    close: () => {
      surface.destroy();
      map.setHiddenEstateIds([]);
      map.setInteractive(true);
    },
  };
}
