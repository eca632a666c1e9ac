import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Geometry } from 'geojson';
import {
  basemapKind,
  offlineStyle,
  STYLE_LAYERS_BY_TOGGLE,
  tiandituStyle,
  tiandituTiles,
  withOverlay,
  type BasemapContext,
  type StyleSpecification,
} from '../../client/src/map/basemap-style';

function empty<T extends FeatureCollection<Geometry | null>>(): T {
  return { type: 'FeatureCollection', features: [] } as unknown as T;
}

const ctx: BasemapContext = {
  water: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [109.4, 24.3],
              [109.41, 24.3],
              [109.41, 24.31],
              [109.4, 24.3],
            ],
          ],
        },
        properties: { name: '柳江', kind: 'river' },
      },
    ],
  },
  roads: empty(),
  communities: empty(),
  subdistricts: empty(),
};

const layerIds = (style: StyleSpecification) => style.layers.map((l) => l.id);

describe('the offline basemap style', () => {
  const style = offlineStyle(ctx);

  it('needs no glyphs and no sprite', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
  });

  it('draws only from inline GeoJSON sources, with no URL anywhere', () => {
    for (const [name, source] of Object.entries(style.sources)) {
      expect(source.type, name).toBe('geojson');
      expect(typeof (source as { data: unknown }).data, name).toBe('object');
    }
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\/|mapbox:|pmtiles:/);
  });

  it('passes our own API documents to MapLibre unchanged', () => {
    expect(style.sources.water).toEqual({ type: 'geojson', data: ctx.water });
    expect(Object.keys(style.sources).sort()).toEqual(['communities', 'roads', 'subdistricts', 'water']);
  });

  it('draws land, water and roads below the boundary overlay', () => {
    expect(layerIds(style)).toEqual([
      'background',
      'water-fill',
      'roads-casing',
      'roads-line',
      'communities-line',
      'subdistricts-line',
      'subdistricts-selected',
    ]);
  });

  it('has every layer that a layer toggle switches', () => {
    const ids = layerIds(style);
    for (const toggled of Object.values(STYLE_LAYERS_BY_TOGGLE)) {
      for (const id of toggled ?? []) expect(ids).toContain(id);
    }
  });

  it('refers only to sources it defines', () => {
    for (const layer of style.layers) {
      if ('source' in layer && typeof layer.source === 'string') expect(Object.keys(style.sources)).toContain(layer.source);
    }
  });
});

describe('the community boundaries of a city drawn from tiles', () => {
  const communityTiles = { tiles: ['http://localhost/api/tiles/communities/{z}/{x}/{y}.mvt?v=7'], minzoom: 12, maxzoom: 22 };
  const unlocated: BasemapContext['communities'] = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', geometry: null, properties: { code: 'c1', name: '东门社区', subdistrictCode: 's1' } }],
  };
  const tiled = offlineStyle({ ...ctx, communities: unlocated, communityTiles });

  it('come from the communities tiles, from their first zoom', () => {
    expect(tiled.sources.communities).toEqual({ type: 'vector', ...communityTiles });
    const line = tiled.layers.find((l) => l.id === 'communities-line');
    expect(line && 'source-layer' in line ? line['source-layer'] : null).toBe('communities');
    expect(line?.minzoom).toBe(12);
  });

  it('and without tiles, from the collection, leaving out a community it holds no outline of', () => {
    const source = offlineStyle({ ...ctx, communities: unlocated }).sources.communities;
    expect(source?.type === 'geojson' ? source.data : null).toEqual({ type: 'FeatureCollection', features: [] });
  });
});

describe('the Tianditu basemap style', () => {
  it('builds eight subdomain tile URLs carrying the key, URL-encoded', () => {
    const tiles = tiandituTiles('vec', 'a b&c');
    expect(tiles).toHaveLength(8);
    expect(tiles[0]).toBe(
      'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=a%20b%26c',
    );
    expect(tiles[7]).toMatch(/^https:\/\/t7\.tianditu\.gov\.cn\/vec_w\//);
  });

  it('uses the key for both the map and the annotation layer, with the boundaries on top', () => {
    const style = tiandituStyle(ctx, 'KEY123');
    const vec = style.sources['tianditu-vec'];
    const cva = style.sources['tianditu-cva'];
    if (vec?.type !== 'raster' || cva?.type !== 'raster') throw new Error('Tianditu sources should be raster');
    expect(vec.tiles?.every((url) => url.includes('/vec_w/') && url.endsWith('&tk=KEY123'))).toBe(true);
    expect(cva.tiles?.every((url) => url.includes('/cva_w/') && url.endsWith('&tk=KEY123'))).toBe(true);
    expect(vec.tileSize).toBe(256);
    expect(layerIds(style)).toEqual([
      'background',
      'tianditu-vec',
      'tianditu-cva',
      'communities-line',
      'subdistricts-line',
      'subdistricts-selected',
    ]);
    expect(style.sources.water).toBeUndefined();
    expect(style.glyphs).toBeUndefined();
  });
});

describe('a style from a URL with our overlay', () => {
  it('keeps the fetched style and adds our boundaries last', () => {
    const fetched: StyleSpecification = {
      version: 8,
      glyphs: 'https://example.test/fonts/{fontstack}/{range}.pbf',
      sources: { base: { type: 'vector', url: 'https://example.test/tiles.json' } },
      layers: [{ id: 'base-land', type: 'background', paint: { 'background-color': '#eee' } }],
    };
    const style = withOverlay(ctx, fetched);
    expect(style.glyphs).toBe(fetched.glyphs);
    expect(Object.keys(style.sources).sort()).toEqual(['base', 'communities', 'subdistricts']);
    expect(layerIds(style)).toEqual(['base-land', 'communities-line', 'subdistricts-line', 'subdistricts-selected']);
    expect(fetched.layers).toHaveLength(1);
  });
});

describe('choosing the basemap', () => {
  it('lets a style URL win over a Tianditu key', () => {
    expect(basemapKind({ styleUrl: 'https://example.test/style.json', tiandituKey: 'KEY123' })).toBe('styleUrl');
  });

  it('uses Tianditu when only a key is set', () => {
    expect(basemapKind({ styleUrl: null, tiandituKey: 'KEY123' })).toBe('tianditu');
  });

  it('falls back to the offline style when neither is set or both are empty', () => {
    expect(basemapKind({ styleUrl: null, tiandituKey: null })).toBe('offline');
    expect(basemapKind({ styleUrl: '', tiandituKey: '' })).toBe('offline');
  });
});
