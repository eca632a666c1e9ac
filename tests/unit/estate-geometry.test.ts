/**
 * Issue 7, item 5: the shape rules every estate geometry passes before PostGIS sees it (create,
 * update, import validate and commit share them), the GeoJSON `crs` rule, and the area bounds.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ESTATE_AREA_BOUNDS, estateAreaProblem } from '../../core/geometry/estate-area.js';
import { checkEstateGeometry } from '../../core/geometry/estate-geometry.js';
import { unsupportedCrs } from '../../core/geometry/geojson-crs.js';
import { GEOMETRY_PROBLEM_CODES, problemMessage } from '../../core/problems.js';
import { loadConfig } from '../../server/config.js';

const RING = [
  [109.41, 24.31],
  [109.411, 24.31],
  [109.411, 24.311],
  [109.41, 24.311],
  [109.41, 24.31],
];

function withPosition(position: unknown): unknown {
  return { type: 'Polygon', coordinates: [[RING[0], position, ...RING.slice(2)]] };
}

describe('checkEstateGeometry', () => {
  it('accepts a polygon and answers a copy without foreign members', () => {
    const result = checkEstateGeometry({ type: 'Polygon', coordinates: [RING], bbox: [0, 0, 1, 1], crs: null, note: 'x' });
    expect(result).toEqual({ ok: true, value: { type: 'Polygon', coordinates: [RING] } });
  });

  it('accepts a MultiPolygon with heights', () => {
    const ring = RING.map(([lng = 0, lat = 0]) => [lng, lat, 12]);
    expect(checkEstateGeometry({ type: 'MultiPolygon', coordinates: [[ring]] }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['[null, null]', [null, null]],
    ['strings', ['109.41', '24.31']],
    ['booleans', [true, false]],
    ['one number', [109.41]],
    ['four numbers', [109.41, 24.31, 0, 0]],
    ['NaN', [Number.NaN, 24.31]],
    ['Infinity', [Number.POSITIVE_INFINITY, 24.31]],
    ['an object', { lng: 109.41, lat: 24.31 }],
  ])('refuses a position of %s as invalid_coordinates naming where', (_label, position) => {
    const result = checkEstateGeometry(withPosition(position));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('invalid_coordinates');
      expect(result.params.path).toBe('coordinates[0][1]');
    }
  });

  it.each([
    [181, 24],
    [-180.0001, 24],
    [109, 90.5],
  ])('refuses [%d, %d] as coordinates_out_of_range', (lng, lat) => {
    const result = checkEstateGeometry(withPosition([lng, lat]));
    expect(result.ok || result.code).toBe('coordinates_out_of_range');
  });

  it('refuses an unclosed ring', () => {
    const result = checkEstateGeometry({ type: 'Polygon', coordinates: [RING.slice(0, 4)] });
    expect(result.ok || result.code).toBe('unclosed_ring');
  });

  it('refuses a ring of three positions and coordinates that are no array', () => {
    expect(checkEstateGeometry({ type: 'Polygon', coordinates: [[RING[0], RING[1], RING[0]]] })).toMatchObject({
      code: 'invalid_geometry',
    });
    expect(checkEstateGeometry({ type: 'Polygon', coordinates: 'x' })).toMatchObject({ code: 'invalid_geometry' });
    expect(checkEstateGeometry({ coordinates: [RING] })).toMatchObject({ code: 'invalid_geometry' });
  });

  it('refuses other geometry types and an empty geometry', () => {
    expect(checkEstateGeometry({ type: 'Point', coordinates: [1, 2] })).toMatchObject({
      code: 'wrong_geometry_type',
      params: { type: 'Point' },
    });
    expect(checkEstateGeometry(null)).toMatchObject({ code: 'empty_geometry' });
    expect(checkEstateGeometry({ type: 'Polygon', coordinates: [] })).toMatchObject({ code: 'empty_geometry' });
    expect(checkEstateGeometry({ type: 'MultiPolygon', coordinates: [] })).toMatchObject({ code: 'empty_geometry' });
  });

  it('refuses a crs other than WGS84 on the geometry or on its Feature', () => {
    const crs = { type: 'name', properties: { name: 'EPSG:3857' } };
    expect(checkEstateGeometry({ type: 'Polygon', coordinates: [RING], crs })).toMatchObject({
      code: 'unsupported_crs',
      params: { crs: 'EPSG:3857' },
    });
    expect(checkEstateGeometry({ type: 'Polygon', coordinates: [RING] }, crs)).toMatchObject({ code: 'unsupported_crs' });
  });

  it('words every geometry problem in both languages', () => {
    for (const code of GEOMETRY_PROBLEM_CODES) {
      const params = { path: 'coordinates[0][1]', value: 'null', crs: 'EPSG:3857', areaM2: 1, minimumM2: 20, maximumM2: 5e6 };
      expect(problemMessage(code, params, 'zh'), code).not.toBe(code);
      expect(problemMessage(code, params, 'en'), code).not.toBe(code);
    }
  });
});

describe('unsupportedCrs', () => {
  it.each([
    'urn:ogc:def:crs:OGC:1.3:CRS84',
    'urn:ogc:def:crs:OGC::CRS84',
    'CRS84',
    'EPSG:4326',
    'epsg:4326',
    'urn:ogc:def:crs:EPSG::4326',
    'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
    'http://www.opengis.net/def/crs/EPSG/0/4326',
    'EPSG:4490',
    'urn:ogc:def:crs:EPSG::4490',
  ])('accepts %s', (name) => {
    expect(unsupportedCrs({ type: 'name', properties: { name } })).toBeNull();
  });

  it('accepts no crs at all', () => {
    expect(unsupportedCrs(undefined)).toBeNull();
    expect(unsupportedCrs(null)).toBeNull();
  });

  it.each([
    [{ type: 'name', properties: { name: 'EPSG:3857' } }, 'EPSG:3857'],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } }, 'urn:ogc:def:crs:EPSG::4547'],
    [{ type: 'link', properties: { href: 'http://example.com/crs' } }, 'link http://example.com/crs'],
    ['EPSG:4326', 'EPSG:4326'],
    [{ type: 'name', properties: { name: 'a\u0000\uD800' } }, 'a??'],
  ])('refuses %j, naming it safely', (crs, shown) => {
    expect(unsupportedCrs(crs)).toBe(shown);
  });
});

describe('estateAreaProblem', () => {
  const bounds = DEFAULT_ESTATE_AREA_BOUNDS;

  it('accepts the bounds themselves', () => {
    expect(estateAreaProblem(20, bounds)).toBeNull();
    expect(estateAreaProblem(5_000_000, bounds)).toBeNull();
  });

  it('refuses a sliver, never reporting it as 0 m²', () => {
    const found = estateAreaProblem(0.0000123456, bounds);
    expect(found).toEqual({ code: 'area_too_small', params: { areaM2: 0.0000123, minimumM2: 20 } });
    expect(problemMessage(found?.code ?? '', found?.params ?? {}, 'en')).toContain('0.0000123 m²');
  });

  it('refuses a province-sized polygon with its area', () => {
    expect(estateAreaProblem(64_000_000_000.123, bounds)).toEqual({
      code: 'area_too_large',
      params: { areaM2: 64_000_000_000.12, maximumM2: 5_000_000 },
    });
  });

  it('refuses an area PostGIS could not give', () => {
    expect(estateAreaProblem(Number.NaN, bounds)?.code).toBe('area_too_small');
  });
});

describe('area bounds configuration', () => {
  it('defaults to 20 m² … 5 km²', () => {
    expect(loadConfig({}).estateAreaBounds).toEqual({ minM2: 20, maxM2: 5_000_000 });
  });

  it('reads ESTATE_MIN_AREA_M2 and ESTATE_MAX_AREA_M2', () => {
    expect(loadConfig({ ESTATE_MIN_AREA_M2: '50', ESTATE_MAX_AREA_M2: '2e6' }).estateAreaBounds).toEqual({ minM2: 50, maxM2: 2_000_000 });
  });

  it.each([
    [{ ESTATE_MIN_AREA_M2: '-1' }, 'ESTATE_MIN_AREA_M2'],
    [{ ESTATE_MAX_AREA_M2: 'lots' }, 'ESTATE_MAX_AREA_M2'],
    [{ ESTATE_MIN_AREA_M2: '100', ESTATE_MAX_AREA_M2: '100' }, 'ESTATE_MAX_AREA_M2'],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
