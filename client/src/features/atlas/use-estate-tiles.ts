/**
 * For a city the server sends as vector tiles (GET /api/config `estateSource`): points the map at
 * the tiles of the current data version, colours over them the stages that changed since they were
 * cut or differ on the replayed day (a progress change fetches no tile), fades the estates the
 * atlas and programme filters leave out, fills the sub-districts by their progress below the
 * tiles' first zoom, and loads each estate the user opens, which the store does not yet hold.
 */
import { memo, useEffect, useState } from 'react';
import { useErrorNotice } from './use-error-notice';
import { fetchEstate, fetchMatchingEstates, fetchTileSources, fetchTileStages, isAbortError } from '../../api';
import type { MapAdapter } from '../../map/map-adapter';
import type { TileSources } from '../../../../core/contract/index';
import { STARTED_SHARE_RAMP } from '../../map/estate-colours';
import { useAtlasStore } from '../../state/atlas-store';

/** How long typing must pause before a tiled map asks which estates the search matches. */
const SEARCH_PAUSE_MS = 250;

/** useEstateTiles as a component that draws nothing, so the changes it subscribes to re-render it alone, not the atlas under its parent (a progress event, the replay date). */
export const EstateTilesSync = memo(function EstateTilesSync({ atlas }: { atlas: MapAdapter | null }): null {
  useEstateTiles(atlas);
  return null;
});

export function useEstateTiles(atlas: MapAdapter | null): void {
  const tilesFailed = useErrorNotice((t) => t('status.tilesFailed'));
  const tiled = useAtlasStore((s) => s.data?.config.estateSource.kind === 'tiles');
  // An estate write changes the tiles (not an estate merely opened). A programme change (the revision) only changes stages.
  const estateWrites = useAtlasStore((s) => s.estateWrites);
  const loadedSources = useAtlasStore((s) => s.data?.tileSources);
  const revision = useAtlasStore((s) => s.programmeRevision);
  const replayDate = useAtlasStore((s) => s.replayDate);
  /** The last progress entry the tiles in use include (GET /api/tiles). */
  const [stageCursor, setStageCursor] = useState<number | null>(null);
  const subdistricts = useAtlasStore((s) => s.data?.subdistricts);
  const bySubdistrict = useAtlasStore((s) => s.dashboard?.bySubdistrict);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const filter = useAtlasStore((s) => s.filter);
  // The leaders' filter, answered with the dashboard as lists of ids: the tiles carry no plan, batch or category.
  const matchedEstates = useAtlasStore((s) => s.dashboard?.matchedEstates);

  useEffect(() => {
    if (!atlas || !tiled) return;
    const use = (sources: TileSources) => {
      const layer = sources.layers.estates;
      const url = layer?.tiles[0];
      if (!layer || !url) return;
      atlas.setEstateTiles({ url, minZoom: layer.minzoom, maxZoom: layer.maxzoom });
      setStageCursor(sources.stageCursor);
    };
    // The load asked already; only a write since makes the data version worth asking again.
    if (estateWrites === 0 && loadedSources) {
      use(loadedSources);
      return;
    }
    const controller = new AbortController();
    fetchTileSources(controller.signal)
      .then(use)
      .catch((error: unknown) => {
        if (!isAbortError(error)) tilesFailed();
      });
    return () => controller.abort();
  }, [atlas, tiled, estateWrites, loadedSources, tilesFailed]);

  useEffect(() => {
    if (!atlas || !tiled || stageCursor === null) return;
    const controller = new AbortController();
    fetchTileStages(stageCursor, replayDate, controller.signal)
      .then((answer) => atlas.setEstateTileStages(new Map(answer.estates)))
      .catch((error: unknown) => {
        if (!isAbortError(error)) tilesFailed();
      });
    return () => controller.abort();
  }, [atlas, tiled, stageCursor, revision, replayDate, tilesFailed]);

  useEffect(() => {
    if (!atlas || !tiled) return;
    if (!bySubdistrict || !subdistricts) {
      atlas.setSubdistrictShares(null);
      return;
    }
    const estatesOf = new Map(subdistricts.features.map((f) => [f.properties.code, f.properties.estates]));
    const byCode = new Map<string, number>();
    for (const row of bySubdistrict) {
      const total = row.code === null ? 0 : (estatesOf.get(row.code) ?? 0);
      if (row.code !== null && total > 0) byCode.set(row.code, row.started / total);
    }
    atlas.setSubdistrictShares({ byCode, stops: STARTED_SHARE_RAMP });
  }, [atlas, tiled, bySubdistrict, subdistricts]);

  useEffect(() => {
    // The atlas filter's attribute rules fade tiled estates as the GeoJSON map fades its own.
    if (atlas && tiled) atlas.setEstateTileFilter(filter);
  }, [atlas, tiled, filter]);

  useEffect(() => {
    if (atlas && tiled) atlas.setEstateTileListing('programme', matchedEstates ?? null);
  }, [atlas, tiled, matchedEstates]);

  // The text search, answered by the server as a list of ids; asked once typing pauses.
  const search = filter.search.trim();
  useEffect(() => {
    if (!atlas || !tiled) return;
    if (search === '') {
      atlas.setEstateTileListing('search', null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchMatchingEstates({ search }, controller.signal)
        .then((listing) => atlas.setEstateTileListing('search', listing))
        .catch((error: unknown) => {
          if (!isAbortError(error)) tilesFailed();
        });
    }, SEARCH_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [atlas, tiled, search, estateWrites, tilesFailed]);

  useEffect(() => {
    if (!tiled || selectedEstateId === null) return;
    if (useAtlasStore.getState().data?.estates.features.some((f) => f.id === selectedEstateId)) return;
    const controller = new AbortController();
    fetchEstate(selectedEstateId, controller.signal)
      .then((estate) => useAtlasStore.getState().estateOpened(estate))
      .catch((error: unknown) => {
        if (!isAbortError(error)) tilesFailed();
      });
    return () => controller.abort();
  }, [tiled, selectedEstateId, tilesFailed]);
}
