/**
 * OGC API – Features, Part 1: Core, GeoJSON (OGC 17-069r4): the landing page, conformance, the
 * collections with their extents, and their items by bbox with limit/offset paging and next/prev
 * links, so QGIS, ArcGIS and GDAL's OAPIF driver read the ledger as layers.
 */
import type { Bilingual } from '../../../core/ledger-fields.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable, SqlParam } from '../../db/index.js';
import { NotFoundError } from '../../domain-errors.js';
import { OGC_COLLECTIONS, ogcCollection, type OgcCollection } from './ogc-collections.js';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
] as const;

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** Absolute URLs of this service: `base` is scheme, host and the `/ogc` mount. */
export interface OgcBase {
  base: string;
  language: keyof Bilingual;
}

const json = 'application/json';
const geojson = 'application/geo+json';

export function landingPage({ base, language }: OgcBase) {
  return {
    title: language === 'zh' ? '旧改一张图 OGC API – Features' : 'Renewal Atlas OGC API – Features',
    description:
      language === 'zh'
        ? '老旧小区、改造片区与配套设施，供 QGIS、ArcGIS 与 GDAL 读取'
        : 'Old estates, renovation zones and facilities for QGIS, ArcGIS and GDAL',
    links: [
      { href: `${base}`, rel: 'self', type: json, title: 'This document' },
      { href: `${base}/conformance`, rel: 'conformance', type: json, title: 'Conformance' },
      { href: `${base}/collections`, rel: 'data', type: json, title: 'Collections' },
    ] satisfies Link[],
  };
}

async function extentOf(db: Queryable, collection: OgcCollection): Promise<number[] | null> {
  const [row] = await db.query<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
    `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
     FROM (SELECT ST_Extent(${collection.geometry})::geometry AS e FROM ${collection.table}) s`,
  );
  return row && row.xmin !== null ? [row.xmin, row.ymin, row.xmax, row.ymax] : null;
}

async function describe(db: Queryable, collection: OgcCollection, { base, language }: OgcBase) {
  const bbox = await extentOf(db, collection);
  return {
    id: collection.id,
    title: collection.title[language],
    description: collection.description[language],
    itemType: 'feature',
    crs: [CRS84],
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    links: [
      { href: `${base}/collections/${collection.id}`, rel: 'self', type: json },
      { href: `${base}/collections/${collection.id}/items`, rel: 'items', type: geojson, title: collection.title[language] },
    ] satisfies Link[],
  };
}

export async function collections(ctx: ServiceContext<Queryable>, at: OgcBase) {
  return {
    links: [{ href: `${at.base}/collections`, rel: 'self', type: json }] satisfies Link[],
    collections: await Promise.all(OGC_COLLECTIONS.map((c) => describe(ctx.db, c, at))),
  };
}

function known(id: string): OgcCollection {
  const collection = ogcCollection(id);
  if (!collection) throw new NotFoundError(`collection ${id}`);
  return collection;
}

export async function collection(ctx: ServiceContext<Queryable>, id: string, at: OgcBase) {
  return describe(ctx.db, known(id), at);
}

function propertiesSql(collection: OgcCollection): string {
  return `json_build_object(${Object.entries(collection.properties)
    .map(([name, expression]) => `'${name}', ${expression}`)
    .join(', ')})`;
}

interface FeatureRow {
  id: number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

const toFeature = (row: FeatureRow) => ({ type: 'Feature' as const, id: row.id, geometry: row.geometry, properties: row.properties });

export interface ItemsQuery {
  bbox?: [number, number, number, number] | undefined;
  limit: number;
  offset: number;
}

/** One page of a collection's features, by bbox; `numberMatched` counts them all. */
export async function items(ctx: ServiceContext<Queryable>, id: string, query: ItemsQuery, at: OgcBase) {
  const c = known(id);
  const params: SqlParam[] = [];
  let where = '';
  if (query.bbox) {
    params.push(...query.bbox);
    where = `WHERE t.${c.geometry} && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND ST_Intersects(t.${c.geometry}, ST_MakeEnvelope($1, $2, $3, $4, 4326))`;
  }
  const n = params.length;
  const [rows, [count]] = await Promise.all([
    ctx.db.query<FeatureRow>(
      `SELECT t.id, ST_AsGeoJSON(t.${c.geometry}, 7)::json AS geometry, ${propertiesSql(c)} AS properties
       FROM ${c.table} t ${where} ORDER BY t.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, query.limit, query.offset],
    ),
    ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${c.table} t ${where}`, params),
  ]);
  const matched = count?.n ?? 0;
  const page = (offset: number) => {
    const search = new URLSearchParams({ limit: String(query.limit), offset: String(offset) });
    if (query.bbox) search.set('bbox', query.bbox.join(','));
    return `${at.base}/collections/${c.id}/items?${search.toString()}`;
  };
  const links: Link[] = [
    { href: page(query.offset), rel: 'self', type: geojson },
    { href: `${at.base}/collections/${c.id}`, rel: 'collection', type: json },
  ];
  if (query.offset + rows.length < matched) links.push({ href: page(query.offset + query.limit), rel: 'next', type: geojson });
  if (query.offset > 0) links.push({ href: page(Math.max(0, query.offset - query.limit)), rel: 'prev', type: geojson });
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(toFeature),
    numberMatched: matched,
    numberReturned: rows.length,
    timeStamp: ctx.now().toISOString(),
    links,
  };
}

export async function item(ctx: ServiceContext<Queryable>, id: string, featureId: number, at: OgcBase) {
  const c = known(id);
  const [row] = await ctx.db.query<FeatureRow>(
    `SELECT t.id, ST_AsGeoJSON(t.${c.geometry}, 7)::json AS geometry, ${propertiesSql(c)} AS properties FROM ${c.table} t WHERE t.id = $1`,
    [featureId],
  );
  if (!row) throw new NotFoundError(`${c.id} feature ${featureId}`);
  return {
    ...toFeature(row),
    links: [
      { href: `${at.base}/collections/${c.id}/items/${featureId}`, rel: 'self', type: geojson },
      { href: `${at.base}/collections/${c.id}`, rel: 'collection', type: json },
    ] satisfies Link[],
  };
}
