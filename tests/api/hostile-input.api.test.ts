/**
 * Hostile input, property-based (fast-check, seeded): malformed and hostile bodies, query strings,
 * path parameters, charsets and encodings thrown at every route the router has. No answer may be a
 * 5xx, and after every batch whose writes were all refused the data is byte-for-byte unchanged.
 * At least 10 000 inputs per run across the back-ends; the count and the status histogram are
 * printed (and quoted in the closing note of issue 7).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INPUT_FIELDS } from '../../core/ledger-fields.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Db } from '../../server/db/index.js';
import { listRoutes, type RouteEntry } from '../../server/http/access.js';
import { testBackends } from '../helpers/test-db.js';
import { squareAround, WHOLE_WORLD } from '../helpers/test-polygons.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const SEED = 20_261_201;
const TOTAL_INPUTS = 10_000;
const BATCH = 25;

/** Routes the fuzzer leaves alone: signing out would end the session the fuzzer uses. */
// Sign-out would end the session the run uses; the event stream never ends (tests/api/programme.api.test.ts reads it).
const SKIPPED = new Set(['POST /api/auth/logout', 'GET /api/events']);
const SAFE = new Set(['GET', 'HEAD']);

/** The data a refused request must not touch (sessions and sign-in failures are bookkeeping). */
const DATA_TABLES = [
  'estates',
  'import_layers',
  'users',
  'audit_log',
  'facilities',
  'subdistricts',
  'communities',
  'districts',
  'progress_entries',
  'annual_plans',
  'plan_estates',
  'renovation_items',
  'funding',
  'stage_catalogue',
];

async function fingerprint(db: Db): Promise<string> {
  const parts: string[] = [];
  for (const table of DATA_TABLES) {
    const [row] = await db.query<{ digest: string | null }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${table} t`,
    );
    parts.push(`${table}:${row?.digest ?? 'empty'}`);
  }
  return parts.join(' ');
}

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  "'; DROP TABLE estates; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u202Eevil\u202C',
  'مرحبا',
  '${7*7}',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '=HYPERLINK("http://x")',
  ' ',
  '',
  'x'.repeat(5_000),
];
const NASTY_NUMBERS = [0, -1, 2 ** 31, -(2 ** 31) - 1, 3_000_000_000, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2, 1e-320];

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hostileNumber = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.double(), fc.integer());
const hostileScalar = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'type', 'geometry')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const coordinate = fc.oneof(
  fc.double({ min: -200, max: 200 }),
  fc.constantFrom(null, '120.1', true, Number.POSITIVE_INFINITY, Number.NaN, 91, -181, 180, -90),
  fc.double({ min: 120.9, max: 121.1 }),
);
const position = fc.array(coordinate, { minLength: 0, maxLength: 4 });
const ring = fc.array(position, { minLength: 0, maxLength: 8 });

/** Bad geometries: wrong types and depths, null/string coordinates, unclosed, bow-tie, whole world, slivers, huge, foreign crs. */
const hostileGeometry = fc.oneof(
  fc.record({
    type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 'GeometryCollection', 'Feature', 'x'),
    coordinates: fc.array(ring, { maxLength: 3 }),
  }),
  fc.constant(WHOLE_WORLD),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [120.95, 30.95],
        [120.96, 30.96],
        [120.96, 30.95],
        [120.95, 30.96],
        [120.95, 30.95],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [120.95, 30.95],
        [120.96, 30.95],
        [120.96, 30.96],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [120.95, 30.95],
        [120.950000001, 30.95],
        [120.950000001, 30.950000001],
        [120.95, 30.95],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [110, 25],
        [112, 25],
        [112, 27],
        [110, 27],
        [110, 25],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        [null, null],
        [null, 1],
        [1, 1],
        [null, null],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    coordinates: [
      [
        ['120.95', '30.95'],
        ['120.96', '30.95'],
        ['120.96', '30.96'],
        ['120.95', '30.95'],
      ],
    ],
  }),
  fc.constant({
    type: 'Polygon',
    crs: { type: 'name', properties: { name: 'EPSG:3857' } },
    coordinates: [
      [
        [120.95, 30.95],
        [120.951, 30.95],
        [120.951, 30.951],
        [120.95, 30.95],
      ],
    ],
  }),
  hostileValue,
);

const ledgerKey = fc.constantFrom(...INPUT_FIELDS.map((field) => field.key));
const hostileProperties = fc.dictionary(fc.oneof(ledgerKey, hostileString), hostileValue, { maxKeys: 6 });

/** Bodies shaped like what each route expects, so the hostile parts get past the outer checks. */
/** A valid square of 30–80 m half-side somewhere in the demo city, so the hostile field is what gets checked. */
const validSquare = fc
  .record({
    lng: fc.double({ min: 109.38, max: 109.44, noNaN: true }),
    lat: fc.double({ min: 24.28, max: 24.34, noNaN: true }),
    halfSideM: fc.integer({ min: 30, max: 80 }),
  })
  .map(({ lng, lat, halfSideM }) => squareAround(lng, lat, halfSideM));

/** One ledger field hostile, the rest valid: reaches the field rules, the database and the import checks. */
const nearlyValidProperties = fc
  .tuple(ledgerKey, hostileValue, fc.constantFrom('和平小区', '建设新村', 'Block 7'))
  .map(([key, value, name]) => ({ name, [key]: value }));
const nearlyValidFeature = fc.record({ type: fc.constant('Feature'), geometry: validSquare, properties: nearlyValidProperties });

const hostileBody = fc.oneof(
  hostileValue,
  nearlyValidFeature,
  nearlyValidFeature,
  fc.record({ version: fc.constant(1), properties: nearlyValidProperties }),
  fc.record({ version: fc.constant(1), geometry: hostileGeometry }),
  fc.record({ features: fc.array(nearlyValidFeature, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    layer: fc.constant({ name: '导入', fileName: 'x.geojson', format: 'geojson', sourceCrs: 'wgs84' }),
    features: fc.array(nearlyValidFeature, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ type: fc.constantFrom('Feature', 'feature', 7), geometry: hostileGeometry, properties: hostileProperties }),
  fc.record(
    { version: fc.oneof(hostileNumber, fc.constant(1)), properties: hostileProperties, geometry: hostileGeometry },
    { requiredKeys: [] },
  ),
  fc.record({
    features: fc.array(fc.record({ type: fc.constant('Feature'), geometry: hostileGeometry, properties: hostileProperties }), {
      maxLength: 3,
    }),
  }),
  fc.record({
    layer: fc.record({
      name: hostileString,
      fileName: hostileString,
      format: fc.constantFrom('geojson', 'csv', 'x'),
      sourceCrs: fc.constantFrom('wgs84', 'gcj02', hostileString),
    }),
    features: fc.array(fc.record({ type: fc.constant('Feature'), geometry: hostileGeometry, properties: hostileProperties }), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record(
    { username: hostileString, password: hostileString, role: fc.oneof(hostileString, fc.constantFrom('leader', 'root')) },
    { requiredKeys: [] },
  ),
  fc.record(
    { format: fc.constantFrom('csv', 'xlsx', 'geojson', 'pdf'), ids: fc.array(hostileNumber, { maxLength: 5 }), bbox: hostileString },
    { requiredKeys: [] },
  ),
);

const QUERY_KEYS = [
  'bbox',
  'district',
  'subdistrict',
  'limit',
  'version',
  'format',
  'ids',
  'type',
  'entity',
  'actor',
  'from',
  'to',
  'allowOverlap',
  'x',
];
const hostileQuery = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString), fc.oneof(hostileString, hostileNumber.map(String))),
  {
    maxLength: 3,
  },
);

/** A lone surrogate cannot be percent-encoded; the raw UTF-8 of one (%ED%A0%80) is sent as a constant instead. */
function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

/** A path parameter: numbers out of range, hostile text, and raw malformed percent-encoding. */
const hostileParam = fc.oneof(
  fc.constant('1'),
  fc.constantFrom('1', '0', '-1', '99999999999999999999', '1.5', '%E0%A4%A', '%', '%00', '..%2F..', 'abc', '%F0%9F%98%80', '%ED%A0%80'),
  hostileString.map((text) => encodeURIComponent(wellFormed(text.slice(0, 100)))),
);

type Encoding = 'json' | 'latin1' | 'unknown-charset' | 'text' | 'gzip' | 'corrupt-gzip' | 'br' | 'no-type';
const encoding = fc.constantFrom<Encoding>(
  'json',
  'json',
  'json',
  'json',
  'latin1',
  'unknown-charset',
  'text',
  'gzip',
  'corrupt-gzip',
  'br',
  'no-type',
);

interface HostileRequest {
  route: RouteEntry;
  param: string;
  query: [string, string][];
  body: unknown;
  encoding: Encoding;
}

/** Writes get two thirds of the inputs: they are where a bad value can reach the database. */
function requestFor(routes: readonly RouteEntry[]): fc.Arbitrary<HostileRequest> {
  const writes = routes.filter((route) => !SAFE.has(route.method));
  const route = fc.oneof({ arbitrary: fc.constantFrom(...writes), weight: 2 }, { arbitrary: fc.constantFrom(...routes), weight: 1 });
  return fc.record({ route, param: hostileParam, query: hostileQuery, body: hostileBody, encoding });
}

function urlOf(request: HostileRequest): string {
  const path = request.route.path.replace(/:\w+/g, request.param);
  const query = request.query.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`).join('&');
  return query === '' ? path : `${path}?${query}`;
}

function initOf(request: HostileRequest): RequestInit {
  if (SAFE.has(request.route.method)) return { method: request.route.method };
  const json = JSON.stringify(request.body) ?? 'null';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  let body: Buffer | string = json;
  switch (request.encoding) {
    case 'latin1':
      headers['Content-Type'] = 'application/json; charset=latin1';
      break;
    case 'unknown-charset':
      headers['Content-Type'] = 'application/json; charset=klingon-8';
      break;
    case 'text':
      headers['Content-Type'] = 'text/plain';
      break;
    case 'no-type':
      delete headers['Content-Type'];
      break;
    case 'gzip':
      headers['Content-Encoding'] = 'gzip';
      body = gzipSync(json);
      break;
    case 'corrupt-gzip':
      headers['Content-Encoding'] = 'gzip';
      body = gzipSync(json).subarray(0, 12);
      break;
    case 'br':
      headers['Content-Encoding'] = 'br';
      break;
    case 'json':
      break;
  }
  return { method: request.route.method, headers, body: typeof body === 'string' ? body : new Uint8Array(body) };
}

describe.each(testBackends())('hostile input (%s)', (backend) => {
  let server: TestServer;
  let routes: RouteEntry[];
  const runs = Math.ceil(TOTAL_INPUTS / testBackends().length);

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { LOG_LEVEL: 'silent' } });
    routes = listRoutes(createApp(server.db, loadConfig({ SEED_DEMO: 'false' }))).filter(
      (route) => route.path.startsWith('/api/') && !SKIPPED.has(`${route.method} ${route.path}`),
    );
  });
  afterAll(async () => {
    await server.close();
  });

  it(`answers ${runs} hostile requests without a 5xx and leaves the data unchanged when it refuses`, { timeout: 900_000 }, async () => {
    const statuses: Record<number, number> = {};
    const serverErrors: string[] = [];
    const changedData: string[] = [];
    let accepted = 0;
    const samples = fc.sample(requestFor(routes), { numRuns: runs, seed: SEED });
    for (let start = 0; start < samples.length; start += BATCH) {
      const batch = samples.slice(start, start + BATCH);
      const before = await fingerprint(server.db);
      let batchWrote = false;
      for (const request of batch) {
        const reply = await server.raw(urlOf(request), initOf(request));
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
        const label = `${request.route.method} ${urlOf(request).slice(0, 120)} [${request.encoding}] → ${reply.status} ${reply.text.slice(0, 200)}`;
        if (reply.status >= 500) serverErrors.push(label);
        if (
          !SAFE.has(request.route.method) &&
          reply.status < 300 &&
          !['/api/export', '/api/imports/validate', '/api/auth/login'].includes(request.route.path)
        ) {
          batchWrote = true;
          accepted++;
        }
      }
      if (!batchWrote) {
        const after = await fingerprint(server.db);
        if (after !== before) changedData.push(`batch from ${start}: ${batch.map((r) => `${r.route.method} ${r.route.path}`).join(', ')}`);
      }
    }
    console.log(`[hostile input ${backend}] ${samples.length} requests; statuses ${JSON.stringify(statuses)}; accepted writes ${accepted}`);
    expect(serverErrors.slice(0, 20)).toEqual([]);
    expect(changedData).toEqual([]);
  });

  it('refuses oversized and deeply nested bodies without a 5xx', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const nested = await server.raw('/api/estates', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: deep });
    expect(nested.status).toBeGreaterThanOrEqual(400);
    expect(nested.status).toBeLessThan(500);
    const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024, 32));
    const inflated = await server.raw('/api/estates', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: new Uint8Array(bomb),
    });
    expect(inflated.status).toBe(413);
  });
});
