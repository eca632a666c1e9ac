/**
 * The drawing surface of the running edit session: opened when a session starts, closed when it
 * ends, reloaded from the session's history on start, undo and redo, switched between tools.
 */
import { useEffect, useMemo, useRef } from 'react';
import { buildSnapIndex } from '../../../../core/geometry/snap-to-estates';
import type { EstateApiFeature } from '../../api';
import type { DrawSurface, MapAdapter } from '../../map/map-adapter';
import { useAtlasStore } from '../../state/atlas-store';
import { openEditSurface } from './edit-surface';
import { useEditStore } from './edit-store';

export function useDrawSurface(atlas: MapAdapter, estates: readonly EstateApiFeature[]): void {
  const session = useEditStore((s) => s.session);
  const surfaceRef = useRef<DrawSurface | null>(null);
  const snapIndex = useMemo(() => buildSnapIndex(estates), [estates]);
  const snapIndexRef = useRef(snapIndex);
  useEffect(() => {
    snapIndexRef.current = snapIndex;
  }, [snapIndex]);

  // The drawing surface lives as long as the session; deck.gl gives up the pointer meanwhile.
  const active = session !== null;
  const editedId = session?.original?.id ?? null;
  useEffect(() => {
    if (!active) return;
    const { surface, close } = openEditSurface({
      map: atlas,
      editedId,
      snapIndex: () => snapIndexRef.current,
      edit: useEditStore.getState(),
      onPointerTaken: () => useAtlasStore.getState().setHovered(null),
    });
    surfaceRef.current = surface;
    return () => {
      close();
      surfaceRef.current = null;
    };
  }, [active, atlas, editedId]);

  // Load the history's present into the surface on start, undo and redo; switch tools.
  const revision = session?.revision ?? 0;
  const tool = session?.tool ?? null;
  const loadedRevision = useRef(0);
  useEffect(() => {
    const surface = surfaceRef.current;
    const current = useEditStore.getState().session;
    if (!surface || !current) {
      loadedRevision.current = 0;
      return;
    }
    if (loadedRevision.current !== revision) {
      loadedRevision.current = revision;
      surface.load(current.history.present);
    }
    if (tool === 'draw') surface.startDrawing();
    else surface.startSelecting();
  }, [revision, tool, editedId]);
}
