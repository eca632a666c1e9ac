import { describe, expect, it } from 'vitest';
import type { ZoneApiFeature } from '../../client/src/api';
import { clickOutcome } from '../../client/src/features/zones/map-click';
import * as zones from '../../client/src/state/zone-slice';

function zone(id: number, estateIds: number[], version = 1): ZoneApiFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: {
      id,
      name: `Z${id}`,
      subdistrictCode: null,
      note: null,
      estateIds,
      totals: {
        estates: estateIds.length,
        households: 0,
        floorAreaM2: 0,
        buildings: 0,
        landAreaM2: 0,
        eligible: 0,
        urgent: 0,
        unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
      },
      boundary: 'computed',
      splitReason: null,
      outlineAreaM2: 0,
      version,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    },
  };
}

const state = (patch: Partial<zones.ZoneState> = {}): zones.ZoneState => ({ ...zones.initialZones, ...patch });

describe('picking estates for a zone', () => {
  it('replaces the picked estates, dropping repeats', () => {
    expect(zones.pickedAfter([1, 2], [3, 3, 4], 'replace')).toEqual([3, 4]);
  });

  it('adds estates once, keeping the earlier order', () => {
    expect(zones.pickedAfter([1, 2], [2, 3], 'add')).toEqual([1, 2, 3]);
  });

  it('toggles: a picked estate leaves, an unpicked one joins', () => {
    expect(zones.pickedAfter([1, 2], [2, 3], 'toggle')).toEqual([1, 3]);
  });

  it('removes the estates a gesture hit', () => {
    expect(zones.pickedAfter([1, 2, 3], [2, 9], 'remove')).toEqual([1, 3]);
  });

  it('leaves the state alone when a gesture changes nothing', () => {
    expect(zones.pickEstates(state({ pickedEstateIds: [1, 2] }), [1, 2], 'add')).toEqual({});
    expect(zones.clearPicked(state())).toEqual({});
    expect(zones.clearPicked(state({ pickedEstateIds: [5] }))).toEqual({ pickedEstateIds: [] });
  });
});

describe('what a click on the map does', () => {
  it('selects and picks an estate on a plain click', () => {
    expect(clickOutcome({ kind: 'estate', id: 7 }, false)).toEqual({ kind: 'selectEstate', id: 7, pick: { ids: [7], mode: 'replace' } });
  });

  it('toggles the estate in the picked set on a Shift/Ctrl-click', () => {
    expect(clickOutcome({ kind: 'estate', id: 7 }, true)).toEqual({ kind: 'selectEstate', id: 7, pick: { ids: [7], mode: 'toggle' } });
  });

  it('opens the zone on a click inside its outline off the estates', () => {
    expect(clickOutcome({ kind: 'zone', id: 3 }, false)).toEqual({ kind: 'openZone', id: 3 });
  });

  it('clears on a click on nothing, keeping the picks when a modifier is held', () => {
    expect(clickOutcome(null, false)).toEqual({ kind: 'clear', keepPicked: false });
    expect(clickOutcome(null, true)).toEqual({ kind: 'clear', keepPicked: true });
  });

  it('opens a facility’s panel on a click on it', () => {
    expect(clickOutcome({ kind: 'facility', index: 0 }, false)).toEqual({ kind: 'openFacility', index: 0 });
  });
});

describe('the zone slice', () => {
  it('puts a stored zone in place of the one with its id, or appends it', () => {
    const before = state({ zones: [zone(1, [1]), zone(2, [2])] });
    const patched = zone(1, [1, 5], 2);
    expect(zones.zoneStored(before, patched).zones).toEqual([patched, zone(2, [2])]);
    expect(zones.zoneStored(before, zone(3, [3])).zones?.map((z) => z.id)).toEqual([1, 2, 3]);
    expect(zones.zoneStored(state(), zone(3, [3])).zones?.map((z) => z.id)).toEqual([3]);
  });

  it('drops a deleted zone and goes back to the list when its panel was open', () => {
    const open = state({ zones: [zone(1, [1])], zonePanel: 'zone', selectedZoneId: 1 });
    expect(zones.zoneRemoved(open, 1)).toEqual({ zones: [], selectedZoneId: null, zoneLinks: [], zonePanel: 'list' });
    expect(zones.zoneRemoved(state({ zones: [zone(1, [1]), zone(2, [2])], selectedZoneId: 2 }), 1)).toEqual({ zones: [zone(2, [2])] });
  });

  it('takes a reloaded list whole, and goes back to the list when the zone its panel showed is no longer in it', () => {
    const open = state({ zones: [zone(1, [1]), zone(2, [2])], zonePanel: 'zone', selectedZoneId: 1 });
    expect(zones.zonesLoaded(open, [zone(1, [1, 3], 2)])).toEqual({ zones: [zone(1, [1, 3], 2)], zonesError: null });
    expect(zones.zonesLoaded(open, [zone(2, [2])])).toEqual({
      zones: [zone(2, [2])],
      zonesError: null,
      selectedZoneId: null,
      zoneLinks: [],
      zonePanel: 'list',
    });
    expect(zones.zonesLoaded(state({ zonesError: 'down' }), [])).toEqual({ zones: [], zonesError: null });
  });

  it('keeps the links of a zone reopened, drops those of another', () => {
    const links = [
      { type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: [] }, properties: { a: 1, b: 2, distanceM: 10 } },
    ];
    expect(zones.openZone(state({ selectedZoneId: 1, zoneLinks: links }), 1).zoneLinks).toBe(links);
    expect(zones.openZone(state({ selectedZoneId: 1, zoneLinks: links }), 2).zoneLinks).toEqual([]);
  });

  it('takes links only for the zone still shown (a late answer for another is ignored)', () => {
    expect(zones.setZoneLinks(state({ selectedZoneId: 2 }), 1, [])).toEqual({});
    expect(zones.setZoneLinks(state({ selectedZoneId: 1 }), 1, [])).toEqual({ zoneLinks: [] });
  });

  it('clears the suggestions from the map when the suggestion panel closes', () => {
    const suggestion = {
      estateIds: [1, 2],
      outline: { type: 'MultiPolygon' as const, coordinates: [] },
      totals: zone(9, [1, 2]).properties.totals,
    };
    const showing = state({ zonePanel: 'suggest', suggestions: [suggestion], focusedSuggestion: 0 });
    expect(zones.showZonePanel(showing, 'list')).toMatchObject({ zonePanel: 'list', suggestions: [], focusedSuggestion: null });
    expect(zones.showZonePanel(showing, 'suggest')).not.toHaveProperty('suggestions');
  });

  it('finds the zone holding each estate', () => {
    const byEstate = zones.zoneOfEstate([zone(1, [10, 11]), zone(2, [12])]);
    expect(byEstate.get(11)?.id).toBe(1);
    expect(byEstate.get(12)?.id).toBe(2);
    expect(byEstate.has(13)).toBe(false);
    expect(zones.zoneOfEstate(null).size).toBe(0);
  });
});
