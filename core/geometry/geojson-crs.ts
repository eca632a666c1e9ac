/**
 * GeoJSON's old `crs` member (2008 spec; RFC 7946 dropped it and fixed WGS84). A file or request
 * that declares another system holds coordinates we would misplace, so it is refused, not ignored.
 */
import { isRecord } from '../checks.js';

/** Spellings of WGS84 (or CGCS2000) longitude/latitude (CRS84 order, or EPSG:4326/4490 as GeoJSON uses them), lower-cased. */
const WGS84_CRS_NAMES: ReadonlySet<string> = new Set([
  'urn:ogc:def:crs:ogc:1.3:crs84',
  'urn:ogc:def:crs:ogc::crs84',
  'urn:ogc:def:crs:ogc:crs84',
  'ogc:crs84',
  'crs84',
  'http://www.opengis.net/def/crs/ogc/1.3/crs84',
  'https://www.opengis.net/def/crs/ogc/1.3/crs84',
  'epsg:4326',
  'urn:ogc:def:crs:epsg::4326',
  'urn:ogc:def:crs:epsg:4326',
  'urn:x-ogc:def:crs:epsg:4326',
  'urn:x-ogc:def:crs:epsg::4326',
  'http://www.opengis.net/def/crs/epsg/0/4326',
  'https://www.opengis.net/def/crs/epsg/0/4326',
  'http://www.opengis.net/gml/srs/epsg.xml#4326',
  // CGCS2000 geographic (China's national datum): the same as WGS84 to centimetres, so design.md §9
  // stores it as EPSG:4326. Chinese GIS often writes it into GeoJSON; refusing it would refuse good data.
  'epsg:4490',
  'urn:ogc:def:crs:epsg::4490',
  'urn:ogc:def:crs:epsg:4490',
  'http://www.opengis.net/def/crs/epsg/0/4490',
  'https://www.opengis.net/def/crs/epsg/0/4490',
]);

/** The longest declared name echoed back in a problem. */
const MAX_ECHO_CHARS = 80;

/**
 * The declared system when a GeoJSON `crs` member names one other than WGS84, else null (absent,
 * `null`, or WGS84 in any usual spelling).
 * @example unsupportedCrs({ type: 'name', properties: { name: 'EPSG:3857' } }) // 'EPSG:3857'
 * @example unsupportedCrs({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }) // null
 */
export function unsupportedCrs(crs: unknown): string | null {
  if (crs === undefined || crs === null) return null;
  if (isRecord(crs) && crs.type === 'name' && isRecord(crs.properties) && typeof crs.properties.name === 'string') {
    const name = crs.properties.name.trim();
    return WGS84_CRS_NAMES.has(name.toLowerCase()) ? null : echo(name);
  }
  if (isRecord(crs) && crs.type === 'link' && isRecord(crs.properties) && typeof crs.properties.href === 'string') {
    return echo(`link ${crs.properties.href}`);
  }
  return echo(typeof crs === 'string' ? crs : JSON.stringify(crs));
}

function echo(text: string): string {
  // Only printable ASCII and CJK survive, so a hostile name cannot smuggle NULs or surrogates into a message.
  const clean = text.replace(/[^\x20-\x7E\u3000-\u9FFF]/gu, '?');
  return clean.length > MAX_ECHO_CHARS ? `${clean.slice(0, MAX_ECHO_CHARS)}…` : clean;
}
