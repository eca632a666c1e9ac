/**
 * The demo city's GeoJSON features as COPY rows, one table per layer: which columns each layer
 * fills and how a feature's properties become their values (the property names are those of
 * data/demo-city). Geometry goes as EWKT in EPSG:4326; polygons become the MultiPolygons the
 * tables hold.
 */
import { geojsonToWKT } from '@terraformer/wkt';
import type { Feature, Geometry, Position } from 'geojson';
import { INPUT_FIELDS } from '../../core/ledger-fields.js';
import type { CopyValue } from '../db/index.js';

// The ledger right after the units it refers to; the basemap layers (hundreds of thousands of rows in a big city) after it.
export const CITY_LAYERS = ['districts', 'subdistricts', 'communities', 'estates', 'water', 'roads', 'facilities'] as const;
export type CityLayer = (typeof CITY_LAYERS)[number];

interface LayerRows {
  table: string;
  columns: readonly string[];
  row(feature: Feature): CopyValue[];
}

const positionsText = (positions: readonly Position[]): string => positions.map((p) => `${p[0]} ${p[1]}`).join(',');
const polygonText = (rings: readonly Position[][]): string => `(${rings.map((ring) => `(${positionsText(ring)})`).join(',')})`;

/**
 * The geometry as EWKT; a Polygon is written as a one-part MultiPolygon when `multi`. The layers'
 * own types are written directly (the generic writer takes a third of a 200 000-estate load's
 * time in Node); anything else goes through @terraformer/wkt.
 */
function ewkt(geometry: Geometry | null, multi: boolean): string {
  if (!geometry) throw new Error('a demo city feature has no geometry');
  switch (geometry.type) {
    case 'Point':
      return `SRID=4326;POINT(${positionsText([geometry.coordinates])})`;
    case 'LineString':
      return `SRID=4326;LINESTRING(${positionsText(geometry.coordinates)})`;
    case 'Polygon':
      return multi
        ? `SRID=4326;MULTIPOLYGON(${polygonText(geometry.coordinates)})`
        : `SRID=4326;POLYGON${polygonText(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `SRID=4326;MULTIPOLYGON(${geometry.coordinates.map(polygonText).join(',')})`;
    default:
      return `SRID=4326;${geojsonToWKT(geometry)}`;
  }
}

/** A property as a COPY value: absent is NULL, objects travel as JSON. */
function value(properties: Feature['properties'], key: string): CopyValue {
  const v: unknown = properties?.[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** A text property, '' when absent (for NOT NULL DEFAULT '' columns). */
function text(properties: Feature['properties'], key: string, fallback = ''): string {
  const v = value(properties, key);
  return v === null ? fallback : String(v);
}

/** A ledger text field: trimmed, and an empty text is unknown (NULL), as core/estate-schema.ts reads it. */
function ledgerText(v: CopyValue): CopyValue {
  if (v === null) return null;
  const trimmed = String(v).trim();
  return trimmed === '' ? null : trimmed;
}

export const LAYER_ROWS: Readonly<Record<CityLayer, LayerRows>> = {
  districts: {
    table: 'districts',
    columns: ['code', 'name', 'geom'],
    row: (f) => [value(f.properties, 'code'), value(f.properties, 'name'), ewkt(f.geometry, true)],
  },
  subdistricts: {
    table: 'subdistricts',
    columns: ['code', 'name', 'district_code', 'geom'],
    row: (f) => [value(f.properties, 'code'), value(f.properties, 'name'), value(f.properties, 'districtCode'), ewkt(f.geometry, true)],
  },
  communities: {
    table: 'communities',
    columns: ['code', 'name', 'subdistrict_code', 'geom'],
    row: (f) => [value(f.properties, 'code'), value(f.properties, 'name'), value(f.properties, 'subdistrictCode'), ewkt(f.geometry, true)],
  },
  water: {
    table: 'water_areas',
    columns: ['name', 'kind', 'geom'],
    row: (f) => [text(f.properties, 'name'), text(f.properties, 'kind', 'river'), ewkt(f.geometry, true)],
  },
  roads: {
    table: 'roads',
    columns: ['name', 'road_class', 'geom'],
    row: (f) => [text(f.properties, 'name'), value(f.properties, 'roadClass'), ewkt(f.geometry, false)],
  },
  facilities: {
    table: 'facilities',
    columns: ['type', 'name', 'geom'],
    row: (f) => [value(f.properties, 'type'), text(f.properties, 'name'), ewkt(f.geometry, false)],
  },
  // The ledger fields come from the registry (core/ledger-fields.ts); a value the file lacks is unknown (NULL).
  estates: {
    table: 'estates',
    columns: ['district_code', 'subdistrict_code', 'community_code', 'geom', ...INPUT_FIELDS.map((field) => field.column)],
    row: (f) => [
      value(f.properties, 'districtCode'),
      value(f.properties, 'subdistrictCode'),
      value(f.properties, 'communityCode'),
      ewkt(f.geometry, true),
      ...INPUT_FIELDS.map((field) => {
        const v = value(f.properties, field.key);
        return field.kind === 'text' ? ledgerText(v) : v;
      }),
    ],
  },
};
