/** The selected estate's life circle on the map: walking-radius rings and lines to the nearest missing facilities. */
import { GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Feature, Position } from 'geojson';
import type { MapScene } from './map-types';

export const COVERAGE_LAYER_IDS = {
  rings: 'coverage-rings',
  walksheds: 'coverage-walksheds',
  lines: 'coverage-lines',
  virtual: 'coverage-virtual-facilities',
  gates: 'coverage-gates',
} as const;

/** Walkshed streets are drawn this wide: the street area reachable, 20 m either side of the centre line. */
const WALKSHED_WIDTH_M = 40;

const RING_COLOURS: Readonly<Record<number, [number, number, number, number]>> = {
  300: [26, 152, 80, 230],
  500: [217, 140, 20, 230],
  1000: [120, 70, 160, 230],
};

export function coverageLayers(scene: MapScene): Layer[] {
  const overlay = scene.coverage;
  if (!overlay) return [];
  const walkshedPaths = overlay.walksheds.flatMap((w) => w.paths.map((path) => ({ path, radiusM: w.radiusM })));
  return [
    new PathLayer<{ path: readonly Position[]; radiusM: number }>({
      id: COVERAGE_LAYER_IDS.walksheds,
      data: walkshedPaths,
      pickable: false,
      widthUnits: 'meters',
      getWidth: WALKSHED_WIDTH_M,
      widthMinPixels: 2,
      capRounded: true,
      jointRounded: true,
      getPath: (d) => d.path as Position[] as [number, number][],
      getColor: (d) => {
        const [r, g, b] = RING_COLOURS[d.radiusM] ?? [80, 80, 80, 200];
        return [r, g, b, 110];
      },
    }),
    new GeoJsonLayer({
      id: COVERAGE_LAYER_IDS.rings,
      data: [...overlay.rings] as Feature[],
      pickable: false,
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: (f: Feature) => RING_COLOURS[Number(f.properties?.radiusM)] ?? [80, 80, 80, 200],
    }),
    new GeoJsonLayer({
      id: COVERAGE_LAYER_IDS.lines,
      data: [...overlay.lines] as Feature[],
      pickable: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      getLineColor: [200, 30, 30, 235],
    }),
    // What-if facilities: hollow and larger than the stored ones, so they read as "not real yet".
    new ScatterplotLayer<Position>({
      id: COVERAGE_LAYER_IDS.virtual,
      data: [...overlay.virtualFacilities],
      pickable: false,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      getRadius: 9,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getFillColor: [255, 255, 255, 230],
      getLineColor: [200, 30, 30, 255],
      getPosition: (p) => [p[0] ?? 0, p[1] ?? 0],
    }),
    // Gates: dark dots ringed white on the boundary, where the walks start.
    new ScatterplotLayer<Position>({
      id: COVERAGE_LAYER_IDS.gates,
      data: [...overlay.gates],
      pickable: false,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      getRadius: 6,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getFillColor: [30, 30, 30, 255],
      getLineColor: [255, 255, 255, 255],
      getPosition: (p) => [p[0] ?? 0, p[1] ?? 0],
    }),
  ];
}
