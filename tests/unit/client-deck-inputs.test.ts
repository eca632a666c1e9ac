import { describe, expect, it } from 'vitest';
import { deckInputs, sameDeckInputs } from '../../client/src/map/deck-layers';
import { estateFeature } from '../helpers/estate-fixture';
import { LAYER_KEYS, type ImportPreview, type MapScene, type VisibleLayers } from '../../client/src/map/map-types';

// Two colourings as the map receives them: only their identity matters here.
const byStage = { key: 'stage' } as unknown as MapScene['colouring'];
const byStatus = { key: 'eligibility' } as unknown as MapScene['colouring'];

function scene(overrides: Partial<MapScene> = {}): MapScene {
  return {
    estates: [],
    facilities: [],
    colouring: byStage,
    faded: { ids: new Set(), key: '' },
    changed: { ids: new Set(), key: '' },
    visibleLayers: Object.fromEntries(LAYER_KEYS.map((key) => [key, true])) as VisibleLayers,
    selectedEstateId: null,
    hoveredEstateId: null,
    roadLabels: [],
    subdistrictLabels: [],
    estateLabels: [],
    zones: {
      zones: [],
      labels: [],
      selectedZoneId: null,
      links: [],
      picked: { ids: new Set(), key: '' },
      suggestions: [],
      focusedSuggestion: null,
      outlineColours: null,
    },
    coverage: null,
    showRoadLabels: true,
    zoom: 14,
    tiledEstates: true,
    ...overrides,
  };
}

describe('deck.gl layer inputs', () => {
  const recoloured = (before: MapScene): MapScene => ({
    ...before,
    colouring: byStatus,
    faded: { ids: new Set([1]), key: '1' },
    changed: { ids: new Set([2]), key: '2' },
  });

  it('are the same for a tiled city whose colouring, fading and changed outlines changed: MapLibre draws its estates', () => {
    const before = scene();
    expect(sameDeckInputs(deckInputs(before, null), deckInputs(recoloured(before), null))).toBe(true);
  });

  it('differ for a city deck.gl draws when its colouring, fading or changed outlines change', () => {
    const before = scene({ tiledEstates: false });
    expect(sameDeckInputs(deckInputs(before, null), deckInputs(recoloured(before), null))).toBe(false);
    for (const key of ['colouring', 'faded', 'changed'] as const)
      expect(sameDeckInputs(deckInputs(before, null), deckInputs({ ...before, [key]: recoloured(before)[key] }, null))).toBe(false);
  });

  it('over tiles, follow the hover and the selection only onto estates the scene holds (MapLibre marks the others)', () => {
    const opened = estateFeature(5);
    const before = scene({ estates: [opened] });
    const inputs = deckInputs(before, null);
    for (const key of ['hoveredEstateId', 'selectedEstateId'] as const) {
      expect(sameDeckInputs(inputs, deckInputs({ ...before, [key]: 9 }, null)), `${key} on a tile`).toBe(true);
      expect(sameDeckInputs(inputs, deckInputs({ ...before, [key]: 5 }, null)), `${key} on the held estate`).toBe(false);
      const drawnByDeck = scene({ estates: [opened], tiledEstates: false });
      expect(sameDeckInputs(deckInputs(drawnByDeck, null), deckInputs({ ...drawnByDeck, [key]: 9 }, null)), `${key} without tiles`).toBe(
        false,
      );
    }
  });

  it('differ when anything else deck.gl draws from changes, or the estates stop coming from tiles', () => {
    const before = scene();
    const inputs = deckInputs(before, null);
    const preview: ImportPreview = { features: [], problemIndexes: [], skippedIndexes: [] };
    for (const after of [
      { ...before, estates: [] },
      { ...before, zoom: 14.5 },
      { ...before, zones: { ...before.zones } },
      { ...before, tiledEstates: false },
    ])
      expect(sameDeckInputs(inputs, deckInputs(after, null))).toBe(false);
    expect(sameDeckInputs(inputs, deckInputs(before, preview))).toBe(false);
    expect(sameDeckInputs(null, inputs)).toBe(false);
    expect(sameDeckInputs(inputs, deckInputs(before, null))).toBe(true);
  });
});
