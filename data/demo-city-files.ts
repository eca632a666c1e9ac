/**
 * The files of a generated demo city: one GeoJSON file per layer plus manifest.json (options,
 * totals, counts and the deliberately under-served sub-districts, for coverage tests).
 */
import { DEMO_CITY_LAYERS, type DemoCity, type DemoCityLayer } from './demo-city-types.js';

export const DEMO_CITY_MANIFEST_FILE = 'manifest.json';

export function layerFileName(layer: DemoCityLayer): string {
  return `${layer}.geojson`;
}

/** Text of manifest.json. */
export function manifestText(city: DemoCity): string {
  const counts = Object.fromEntries(DEMO_CITY_LAYERS.map((layer) => [layer, city[layer].features.length]));
  const manifest = {
    description: 'Synthetic demo city for Renewal Atlas: generated geometry, modelled on the published figures of 柳州市城中区.',
    generator: 'npx tsx data/generate-city.ts',
    options: city.options,
    figures: city.figures,
    counts,
    underServed: city.underServed,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
