import { describe, expect, it } from 'vitest';
import { TILE_EXTENT, tileBoundsLngLat, tileContaining, tileCoordRefusal, tileSimplifyToleranceDeg } from '../../core/tiles/tile-grid.js';
import { tileAttributesAt } from '../../core/tiles/tile-layers.js';

describe('tile grid', () => {
  it('accepts every tile of the grid and names what is wrong otherwise', () => {
    expect(tileCoordRefusal({ z: 0, x: 0, y: 0 })).toBeNull();
    expect(tileCoordRefusal({ z: 14, x: 16383, y: 16383 })).toBeNull();
    expect(tileCoordRefusal({ z: 14, x: 16384, y: 0 })).toBe('x 16384 is outside 0…16383 at zoom 14');
    expect(tileCoordRefusal({ z: 2, x: 0, y: 4 })).toBe('y 4 is outside 0…3 at zoom 2');
    expect(tileCoordRefusal({ z: 23, x: 0, y: 0 })).toBe('zoom 23 is outside 0…22');
    expect(tileCoordRefusal({ z: 1.5, x: 0, y: 0 })).not.toBeNull();
  });

  it('simplifies by half a tile unit, halving with each zoom', () => {
    expect(tileSimplifyToleranceDeg(0)).toBeCloseTo(360 / TILE_EXTENT / 2, 12);
    expect(tileSimplifyToleranceDeg(15) * 2).toBeCloseTo(tileSimplifyToleranceDeg(14), 15);
  });

  it('adds names to estate tiles from z14 only', () => {
    expect(tileAttributesAt('estates', 13)).not.toContain('name');
    expect(tileAttributesAt('estates', 14)).toContain('name');
    expect(tileAttributesAt('estates', 10)).toEqual(expect.arrayContaining(['stage', 'households', 'eligible', 'urgent']));
  });

  it('finds the tile of a point, whose bounds hold it', () => {
    const tile = tileContaining(109.41, 24.31, 14);
    const [west, south, east, north] = tileBoundsLngLat(tile);
    expect(west <= 109.41 && 109.41 < east && south < 24.31 && 24.31 <= north).toBe(true);
    expect(tileBoundsLngLat({ z: 0, x: 0, y: 0 })[0]).toBe(-180);
    expect(tileBoundsLngLat({ z: 0, x: 0, y: 0 })[3]).toBeCloseTo(85.0511287798, 9);
  });
});
