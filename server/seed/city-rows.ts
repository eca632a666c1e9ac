/**
 * The demo city's GeoJSON features as COPY rows, one table per layer: which columns each layer
 * fills and how a feature's properties become their values (the property names are those of
 * data/demo-city). Geometry goes as EWKT in EPSG:4326; polygons become the MultiPolygons the
 * tables hold.
 */
import { geojsonToWKT } from '@terraformer/wkt';
import type { Feature, Geometry } from 'geojson';
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

/** The geometry as EWKT; a Polygon is written as a one-part MultiPolygon when `multi`. */
function ewkt(geometry: Geometry | null, multi: boolean): string {
  if (!geometry) throw new Error('a demo city feature has no geometry');
  const stored: Geometry = multi && geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;
  return `SRID=4326;${geojsonToWKT(stored)}`;
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
