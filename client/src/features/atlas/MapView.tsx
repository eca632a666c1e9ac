/**
 * React side of the map: creates the AtlasMap adapter, feeds it the store's state and turns
 * its pointer events into store actions. No MapLibre or deck.gl object is touched here.
 */
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEstateColouring } from './use-estate-colouring';
import { AtlasMap } from '../../map/atlas-map';
import type { MapAdapter } from '../../map/map-adapter';
import type { FacilityDatum, MapPointerEvent } from '../../map/map-types';
import { placedLabel, polygonLabelPoint, roadLabels, type PointLabel } from '../../../../core/geometry/label-points';
import { subdistrictLabelWidthPx } from '../../map/deck-layers';
import { exposeTestHook } from '../../map/test-hook';
import { excludedEstateIds } from '../../state/atlas-filter';
import { stageLabelSuffix } from '../../map/estate-colours';
import type { AtlasData } from '../../state/data-slice';
import type { CommunityCollection } from '../../api';
import { useAtlasStore } from '../../state/atlas-store';
import { ESTATE_PANEL_WIDTH_PX } from './SidePanel';
import { homeEstates } from './home-estates';
import { MapTooltip } from './MapTooltip';
import { MapViewButtons } from './MapViewButtons';
import { useMapCamera } from './use-map-camera';
import { EstateTilesSync } from './use-estate-tiles';
import { useHeldAreas } from './use-held-areas';
import { EditLayer } from '../edit/EditLayer';
import { PlacementBanner } from '../facilities/PlacementBanner';
import { handleMapClick } from '../zones/map-click';
import { SelectGesture } from '../zones/SelectGesture';
import { SelectionCard } from '../zones/SelectionCard';
import { useCoverageOverlay } from '../coverage/use-coverage-overlay';
import { useZoneScene } from '../zones/use-zone-scene';
import { ZoneBoundaryLayer } from '../zones/ZoneBoundaryLayer';

// One element for the life of the module, so the memoised EditLayer is not re-rendered by a new prop.
const PLACEMENT_BANNER = <PlacementBanner />;

const NO_COMMUNITY_OUTLINES: CommunityCollection = { type: 'FeatureCollection', features: [] };
const NO_ESTATE_LABELS: readonly PointLabel[] = [];

export function MapView({ data }: { data: AtlasData }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const containerRef = useRef<HTMLDivElement>(null);
  const [atlas, setAtlas] = useState<MapAdapter | null>(null);
  const [pointer, setPointer] = useState<MapPointerEvent | null>(null);
  const [basemapFallback, setBasemapFallback] = useState(false);

  const colouring = useEstateColouring();
  const visibleLayers = useAtlasStore((s) => s.visibleLayers);
  const filter = useAtlasStore((s) => s.filter);
  const selectedEstateId = useAtlasStore((s) => s.selectedEstateId);
  const hovered = useAtlasStore((s) => s.hovered);
  const hiddenFacilityTypes = useAtlasStore((s) => s.hiddenFacilityTypes);
  const importPreview = useAtlasStore((s) => s.importPreview);
  const zoneScene = useZoneScene();
  const coverageOverlay = useCoverageOverlay();

  const estates = data.estates.features;
  const programmeByEstate = useAtlasStore((s) => s.programmeByEstate);
  const colourBy = useAtlasStore((s) => s.colourBy);
  const faded = useMemo(() => {
    const ids = excludedEstateIds(estates, filter);
    // The leaders' filter (plan, batch, stage, category) fades what the dashboard's figures leave out.
    for (const [id, programme] of programmeByEstate) if (!programme.matched) ids.add(id);
    return { ids, key: [...ids].join(',') };
  }, [estates, filter, programmeByEstate]);
  const changes = useAtlasStore((s) => (s.colourBy === 'stage' ? s.dashboard?.changes : undefined));
  const changed = useMemo(() => {
    const ids = new Set((changes ?? []).map((c) => c.estateId));
    return { ids, key: [...ids].join(',') };
  }, [changes]);
  const facilities = useMemo<FacilityDatum[]>(
    () =>
      data.facilities.features
        .map((feature, index) => ({ feature, index }))
        .filter((d) => !hiddenFacilityTypes.includes(d.feature.properties.type)),
    [data.facilities, hiddenFacilityTypes],
  );
  // Each kind of label is placed once per change of its own layer: a new colouring must not place every street name again.
  const roadLabelPoints = useMemo(() => roadLabels(data.roads.features), [data.roads]);
  const subdistrictLabels = useMemo(
    () =>
      data.subdistricts.features.map(({ properties: { name, labelPoint }, bbox }) =>
        placedLabel(name, labelPoint, bbox, subdistrictLabelWidthPx(name)),
      ),
    [data.subdistricts],
  );
  const estateLabels = useMemo(
    () =>
      // The same empty list each time: a tiled city holds no estates until one is opened, and a new
      // list would make deck.gl diff its layers on each colouring change for nothing.
      data.estates.features.length === 0
        ? NO_ESTATE_LABELS
        : data.estates.features.map((f) => ({
            text: colourBy === 'stage' ? f.properties.name + stageLabelSuffix(programmeByEstate.get(f.properties.id)) : f.properties.name,
            position: polygonLabelPoint(f.geometry),
          })),
    [data.estates, colourBy, programmeByEstate],
  );
  const labels = useMemo(
    () => ({ roads: roadLabelPoints, subdistricts: subdistrictLabels, estates: estateLabels }),
    [roadLabelPoints, subdistrictLabels, estateLabels],
  );

  // The camera fits the home estates (home-estates.ts says why not all) as they were when the map
  // was created, not after each reload.
  const initialEstatesRef = useRef(data.estates.features);
  // Roads change in place (a tiled city loads them by area, use-held-areas.ts): the map takes them without being rebuilt.
  const initialRoadsRef = useRef(data.roads);
  // A tiled city draws the community boundaries from tiles: its names, loaded when the estate form first opens, must not rebuild the map.
  const communityTiles = data.tileSources?.layers.communities;
  const subdistrictTiles = data.tileSources?.layers.subdistricts;
  const communityOutlines = communityTiles ? NO_COMMUNITY_OUTLINES : data.communities;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map: MapAdapter = new AtlasMap({
      container,
      context: {
        water: data.water,
        roads: initialRoadsRef.current,
        communities: communityOutlines,
        communityTiles,
        subdistricts: data.subdistricts,
        subdistrictTiles,
      },
      basemap: data.config.basemap,
      callbacks: {
        onHover: (event) => {
          setPointer(event.target ? event : null);
          useAtlasStore.getState().setHovered(event.target);
        },
        onClick: handleMapClick,
        onBasemapFallback: () => setBasemapFallback(true),
        // Read by the areas a tiled city loads (use-held-areas.ts) and the sub-districts' legend.
        onViewChange: (viewport) => useAtlasStore.getState().setMapViewport(viewport),
      },
    });
    const removeHook = exposeTestHook(map);
    // Tiles leave no estates to frame at first: the city's sub-districts frame it.
    map.fitTo(data.config.estateSource.kind === 'tiles' ? data.subdistricts.features : homeEstates(initialEstatesRef.current), false);
    setAtlas(map);
    return () => {
      removeHook();
      map.destroy();
      setAtlas(null);
    };
    // A reloaded estate collection (after a save or an import) updates the scene, not the map itself.
  }, [data.water, communityOutlines, communityTiles, data.subdistricts, subdistrictTiles, data.config]);

  useEffect(() => atlas?.setRoads(data.roads), [atlas, data.roads]);

  // Tell the user once, not again whenever the language (and so `message`) changes.
  const fallbackShown = useRef(false);
  useEffect(() => {
    if (!basemapFallback || fallbackShown.current) return;
    fallbackShown.current = true;
    void message.warning(t('status.basemapFailed'));
  }, [basemapFallback, message, t]);

  useEffect(() => {
    if (!atlas || !colouring) return;
    atlas.render({
      estates,
      facilities,
      colouring,
      faded,
      changed,
      visibleLayers,
      selectedEstateId,
      hoveredEstateId: hovered?.kind === 'estate' ? hovered.id : null,
      roadLabels: labels.roads,
      subdistrictLabels: labels.subdistricts,
      estateLabels: labels.estates,
      zones: zoneScene,
      coverage: coverageOverlay,
    });
  }, [atlas, estates, facilities, colouring, faded, changed, visibleLayers, selectedEstateId, hovered, labels, zoneScene, coverageOverlay]);

  useEffect(() => {
    atlas?.setVisibleLayers(visibleLayers);
  }, [atlas, visibleLayers]);

  useHeldAreas();
  useMapCamera(atlas, { estates, subdistricts: data.subdistricts, panelWidthPx: ESTATE_PANEL_WIDTH_PX });

  useEffect(() => {
    atlas?.setPreview(importPreview);
  }, [atlas, importPreview]);

  const rootRef = useRef<HTMLDivElement>(null);
  // Stable, so the memoised children below re-render for their own state, not for a hover or a colouring.
  const hidePointer = useCallback(() => setPointer(null), []);
  return (
    <div className="atlas-map" data-testid="map" ref={rootRef} onMouseLeave={() => setPointer(null)}>
      <div className="atlas-map-canvas" ref={containerRef} />
      {pointer?.target ? (
        <MapTooltip
          target={pointer.target}
          x={pointer.x}
          y={pointer.y}
          containerWidth={pointer.width}
          containerHeight={pointer.height}
          data={data}
        />
      ) : null}
      <MapViewButtons estates={estates} />
      {atlas ? <EditLayer atlas={atlas} data={data} notice={PLACEMENT_BANNER} /> : null}
      {atlas ? <ZoneBoundaryLayer atlas={atlas} /> : null}
      {atlas ? <SelectGesture atlas={atlas} rootRef={rootRef} estates={estates} onGestureStart={hidePointer} /> : null}
      <SelectionCard estates={estates} />
      <EstateTilesSync atlas={atlas} />
    </div>
  );
}
