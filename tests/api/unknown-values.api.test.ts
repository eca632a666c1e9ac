/**
 * Unknown is not zero (issue 6, defect 4): a ledger value left out of a request or an import row
 * is stored as NULL, answered as null and left out of the totals with a count of unknowns.
 * Checked against what PostgreSQL itself holds, not against the API's own answers.
 */
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squareAround } from '../helpers/test-polygons.js';
import type { EstateApiFeature, EstateSummary, ImportResult } from '../../core/contract/index.js';
import { INPUT_FIELDS, PROPERTY_TYPES, HAZARD_LEVELS } from '../../core/ledger-fields.js';
import { findFreeSpots, type FreeSpot } from '../helpers/free-spots.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

function square(spot: FreeSpot, halfSideM = 30): Polygon {
  return squareAround(spot.lng, spot.lat, halfSideM);
}

describe.each(testBackends())('unknown ledger values on %s', (backend) => {
  let app: TestServer;
  let spots: FreeSpot[] = [];

  async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return app.request<T>(method, path, body);
  }

  /** The stored row's input columns as PostgreSQL holds them. */
  async function storedRow(id: number): Promise<Record<string, unknown>> {
    const columns = INPUT_FIELDS.map((field) => `${field.column} AS "${field.key}"`).join(', ');
    const [row] = await app.db.query<Record<string, unknown>>(`SELECT ${columns} FROM estates WHERE id = $1`, [id]);
    if (!row) throw new Error(`estate ${id} is not stored`);
    return row;
  }

  beforeAll(async () => {
    app = await startTestServer({ backend });
    spots = await findFreeSpots(app.db, 61);
  });

  afterAll(async () => {
    await app.close();
  });

  it('stores an estate created with only a name with every other field NULL, and answers null', async () => {
    const spot = spots[0];
    if (!spot) throw new Error('no free spot');
    const created = await call<EstateApiFeature>('POST', '/api/estates', {
      type: 'Feature',
      geometry: square(spot),
      properties: { name: '只有名字的小区' },
    });
    expect(created.status).toBe(201);
    const stored = await storedRow(created.body.id);
    for (const field of INPUT_FIELDS) {
      if (field.key === 'name') continue;
      expect(stored[field.key], field.key).toBeNull();
      expect(created.body.properties[field.key], field.key).toBeNull();
    }
  });

  it('stores an imported row that has only a name with NULLs, not 0 buildings or 混合', async () => {
    const spot = spots[1];
    if (!spot) throw new Error('no free spot');
    const result = await call<ImportResult>('POST', '/api/imports', {
      layer: { name: 'only names', fileName: 'names.geojson', format: 'geojson', sourceCrs: 'wgs84' },
      features: [{ type: 'Feature', geometry: square(spot), properties: { name: '导入的小区' } }],
    });
    expect(result.status).toBe(201);
    const id = result.body.ids[0] ?? 0;
    const stored = await storedRow(id);
    expect(stored).toMatchObject({
      buildings: null,
      households: null,
      floorAreaM2: null,
      propertyType: null,
      hazardLevel: null,
      urgent: null,
    });
  });

  it('keeps a stored value a PATCH leaves out, and clears one the PATCH sets to null', async () => {
    const spot = spots[2];
    if (!spot) throw new Error('no free spot');
    const created = await call<EstateApiFeature>('POST', '/api/estates', {
      type: 'Feature',
      geometry: square(spot),
      properties: { name: '补录小区', households: 80, buildings: 2 },
    });
    const patched = await call<EstateApiFeature>('PATCH', `/api/estates/${created.body.id}`, {
      version: 1,
      properties: { buildings: null },
    });
    expect(patched.status).toBe(200);
    expect(await storedRow(created.body.id)).toMatchObject({ households: 80, buildings: null });
  });

  it('sums households over known values only and counts the unknown ones, as PostgreSQL does', async () => {
    const summary = await call<EstateSummary>('GET', '/api/summary');
    const [expected] = await app.db.query<{ households: number; unknown: number; estates: number }>(
      `SELECT COALESCE(sum(households), 0)::float8 AS households, count(*) FILTER (WHERE households IS NULL)::int AS unknown,
              count(*)::int AS estates FROM estates`,
    );
    expect(expected?.unknown).toBeGreaterThanOrEqual(2);
    expect(summary.body.households).toBe(expected?.households);
    expect(summary.body.unknown.households).toBe(expected?.unknown);
    expect(summary.body.estates).toBe(expected?.estates);
  });

  it('has the CHECK lists of the migrations agree with the registry', async () => {
    const rows = await app.db.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'estates'::regclass AND contype = 'c'`,
    );
    const valuesIn = (column: string): string[] => {
      const def = rows.map((r) => r.def).find((d) => d.includes(`(${column} = ANY`) || d.includes(`${column} = ANY`));
      if (!def) throw new Error(`no CHECK on ${column}`);
      return [...def.matchAll(/'([^']+)'::text/gu)].map((m) => m[1] ?? '');
    };
    expect(valuesIn('property_type').sort()).toEqual([...PROPERTY_TYPES].sort());
    expect(valuesIn('hazard_level').sort()).toEqual([...HAZARD_LEVELS].sort());
  });

  it('has a column in the estates table for every input field of the registry, nullable unless required', async () => {
    const columns = await app.db.query<{ column_name: string; is_nullable: string }>(
      `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'estates'`,
    );
    for (const field of INPUT_FIELDS) {
      const column = columns.find((c) => c.column_name === field.column);
      expect(column, field.column).toBeDefined();
      expect(column?.is_nullable, field.column).toBe('required' in field ? 'NO' : 'YES');
    }
  });
});
