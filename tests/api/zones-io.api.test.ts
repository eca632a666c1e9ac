/**
 * Zones (片区) in the exports and back through the import, on both back-ends.
 *
 * Server A: two zones of neighbouring estates (pairs within the 50 m gap, found by PostGIS) are
 * created through POST /api/zones; its CSV, XLSX and GeoJSON exports must name each estate's
 * zone as GET /api/zones says, and the XLSX's 片区 sheet must give each zone's figures and members.
 *
 * The round trip: server B is a fresh copy of the same demo database, so it holds the same estates
 * under the same ids and no zones. The estates of A's export (the zones' members and one estate
 * in no zone) are deleted from B by SQL, then A's exported file goes through the import exactly as
 * the wizard sends it (readImportFile → autoMatchFields → mapRowsToEstates → POST /api/imports).
 * B must then have the same zones, with the same member names and totals, as A — once per format,
 * B's imported estates and zones removed again between formats.
 */
import ExcelJS from 'exceljs';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateApiProperties, ImportResult, ZoneApiFeature } from '../../core/contract/index.js';
import { autoMatchFields } from '../../core/io/field-matching.js';
import { mapRowsToEstates } from '../../core/io/map-rows.js';
import { readImportFile } from '../../core/io/read-import-file.js';
import { localPlane } from '../../core/zones/local-metric.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js';

type EstateCollection = FeatureCollection<MultiPolygon, EstateApiProperties & { zone?: string | null }>;
type Problem = { code: string; params: Record<string, unknown> };
type RowReport = { index: number; problems: Problem[] };
type RejectedBody = { error: { code: string; details: { rows: RowReport[] } } };

const FORMATS = ['csv', 'xlsx', 'geojson'] as const;

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(arrayBufferOf(bytes));
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The demo city's local plane, as the server picks it (centre of the estates' extent). */
/** The city's local plane by its SRID (migration 007): a proj string would make PostGIS build a transformation per row. */
async function cityProj(server: TestServer): Promise<number> {
  const [row] = await server.db.query<{ lng: number; lat: number }>(
    'SELECT (ST_XMin(x) + ST_XMax(x)) / 2 AS lng, (ST_YMin(x) + ST_YMax(x)) / 2 AS lat FROM (SELECT ST_Extent(geom) AS x FROM estates) s',
  );
  if (!row) throw new Error('no extent');
  return localPlane(row.lng, row.lat).srid;
}

/** A zone as the round trip must keep it: its name, its members' names and its totals. */
function zoneSummary(zone: ZoneApiFeature, names: ReadonlyMap<number, string>): { name: string; members: string[]; totals: unknown } {
  const { landAreaM2, ...totals } = zone.properties.totals;
  return {
    name: zone.properties.name,
    members: zone.properties.estateIds.map((id) => names.get(id) ?? `#${id}`).sort(),
    // The land area is recomputed from the same polygons; rounding to whole m² may differ by one.
    totals: { ...totals, landAreaM2: Math.round(landAreaM2 / 10) },
  };
}

describe.each(testBackends())('zones in the exports and the import (%s)', (backend) => {
  let a: TestServer;
  let b: TestServer;
  let plannerA: TestClient;
  let plannerB: TestClient;
  let zonesA: ZoneApiFeature[];
  let namesA: Map<number, string>;
  /** The export selection: both zones' members and `loner`, in no zone and far from the first zone. */
  let exportedIds: number[];
  let loner: number;

  beforeAll(async () => {
    a = await startTestServer({ backend });
    plannerA = await a.as('planner');
    const proj = await cityProj(a);
    const pairs = await a.db.query<{ x: number; y: number }>(
      `SELECT p.id AS x, q.id AS y FROM estates p JOIN estates q ON p.id < q.id
       WHERE ST_DWithin(ST_Transform(p.geom, $1::int), ST_Transform(q.geom, $1::int), 50) ORDER BY p.id, q.id`,
      [proj],
    );
    const first = pairs[0];
    const second = pairs.find((pair) => ![pair.x, pair.y].some((id) => id === first?.x || id === first?.y));
    if (!first || !second) throw new Error('the demo city has no two separate pairs of neighbouring estates');
    for (const [name, pair, note] of [
      ['东片区', first, '成街连片'],
      ['西片区', second, null],
    ] as const) {
      const reply = await plannerA.request('POST', '/api/zones', { name, estateIds: [pair.x, pair.y], note });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
    const [far] = await a.db.query<{ id: number }>(
      `SELECT e.id FROM estates e WHERE NOT EXISTS (SELECT 1 FROM zone_estates ze WHERE ze.estate_id = e.id)
         AND NOT EXISTS (SELECT 1 FROM estates m WHERE m.id = ANY($2::int[]) AND ST_DWithin(ST_Transform(e.geom, $1::int), ST_Transform(m.geom, $1::int), 500))
       ORDER BY e.id LIMIT 1`,
      [proj, [first.x, first.y]],
    );
    if (!far) throw new Error('no estate far from the first zone');
    loner = far.id;
    zonesA = (await a.get<{ features: ZoneApiFeature[] }>('/api/zones')).body.features;
    exportedIds = [...zonesA.flatMap((zone) => zone.properties.estateIds), loner].sort((x, y) => x - y);
    const estates = (await a.get<EstateCollection>('/api/estates')).body.features as EstateApiFeature[];
    namesA = new Map(estates.map((estate) => [estate.id, estate.properties.name]));

    b = await startTestServer({ backend });
    plannerB = await b.as('planner');
    await b.db.query('DELETE FROM estates WHERE id = ANY($1::int[])', [exportedIds]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const zoneOfEstate = (id: number): string | null =>
    zonesA.find((zone) => zone.properties.estateIds.includes(id))?.properties.name ?? null;
  const exportA = (format: string) => a.raw(`/api/export?format=${format}&ids=${exportedIds.join(',')}`);

  it('names each estate’s zone in the GeoJSON (zone property, null outside zones) as GET /api/zones does', async () => {
    const all = JSON.parse((await a.raw('/api/export?format=geojson')).text) as EstateCollection;
    expect(all.features).toHaveLength(namesA.size);
    for (const feature of all.features) expect(feature.properties.zone, feature.properties.name).toBe(zoneOfEstate(Number(feature.id)));
    expect(all.features.filter((f) => f.properties.zone !== null)).toHaveLength(4);
  });

  it('writes a 片区 column in the CSV and the XLSX ledger, empty for an estate in no zone', async () => {
    const csv = Papa.parse<string[]>((await exportA('csv')).text.replace(/^\uFEFF/u, ''), { skipEmptyLines: true }).data;
    const header = csv[0] ?? [];
    const zoneAt = header.indexOf('片区');
    const nameAt = header.indexOf('小区名称');
    expect(zoneAt).toBe(header.length - 2);
    expect(csv.slice(1).map((row) => [row[nameAt], row[zoneAt]])).toEqual(
      exportedIds.map((id) => [namesA.get(id), zoneOfEstate(id) ?? '']),
    );

    const ledger = sheetRows((await workbookOf((await exportA('xlsx')).bytes)).worksheets[0] ?? new ExcelJS.Workbook().addWorksheet());
    const xlsxHeader = (ledger[1] ?? []).map(String);
    const rows = ledger.slice(2, 2 + exportedIds.length);
    expect(rows.map((row) => [row[xlsxHeader.indexOf('小区名称')], row[xlsxHeader.indexOf('片区')] ?? ''])).toEqual(
      exportedIds.map((id) => [namesA.get(id), zoneOfEstate(id) ?? '']),
    );
  });

  it('adds a 片区 sheet to the XLSX: one row per zone with its figures and members, as GET /api/zones gives them', async () => {
    const workbook = await workbookOf((await exportA('xlsx')).bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['调查摸底情况统计表', '片区']);
    const [header = [], ...rows] = sheetRows(workbook.getWorksheet('片区') ?? workbook.addWorksheet());
    const cell = (row: unknown[], title: string): unknown => row[header.indexOf(title)];
    expect(rows).toHaveLength(2);
    rows.forEach((row, i) => {
      const zone = zonesA[i];
      if (!zone) throw new Error(`no zone ${i}`);
      const { totals } = zone.properties;
      expect(cell(row, '片区名称')).toBe(zone.properties.name);
      expect(cell(row, '小区数')).toBe(totals.estates);
      expect(cell(row, '户数')).toBe(totals.households);
      expect(cell(row, '楼栋数')).toBe(totals.buildings);
      expect(cell(row, '建筑面积(㎡)')).toBe(totals.floorAreaM2);
      expect(cell(row, '占地面积(㎡)')).toBe(totals.landAreaM2);
      expect(cell(row, '纳入改造小区数')).toBe(totals.eligible);
      expect(cell(row, '急需改善小区数')).toBe(totals.urgent);
      expect(cell(row, '范围来源')).toBe('按小区生成');
      expect(cell(row, '备注') || null).toBe(zone.properties.note);
      expect(String(cell(row, '小区名称')).split('、')).toEqual(zone.properties.estateIds.map((id) => namesA.get(id)));
    });
  });

  /** A's export of `format` as the import wizard sends it. */
  async function importedFeatures(format: (typeof FORMATS)[number]): Promise<unknown[]> {
    const table = await readImportFile({ name: `ledger.${format}`, bytes: arrayBufferOf((await exportA(format)).bytes) });
    const mapping = autoMatchFields(table.columns);
    expect(Object.entries(mapping).find(([, key]) => key === 'zone')?.[0]).toBe(format === 'geojson' ? 'zone' : '片区');
    const rows = mapRowsToEstates(table, mapping, 'wgs84');
    for (const row of rows) expect(row.problems, row.properties.name).toEqual([]);
    return rows.map((row) => row.feature);
  }

  async function importIntoB(format: (typeof FORMATS)[number], features: unknown[]) {
    return plannerB.request<ImportResult | RejectedBody>('POST', '/api/imports', {
      layer: { name: `片区往返 ${format}`, fileName: `ledger.${format}`, format, sourceCrs: 'wgs84' },
      features,
    });
  }

  async function counts(server: TestServer): Promise<{ estates: number; zones: number; members: number }> {
    const [row] = await server.db.query<{ estates: number; zones: number; members: number }>(
      'SELECT (SELECT count(*)::int FROM estates) AS estates, (SELECT count(*)::int FROM zones) AS zones, (SELECT count(*)::int FROM zone_estates) AS members',
    );
    if (!row) throw new Error('no counts');
    return row;
  }

  for (const format of FORMATS) {
    it(`re-creates the same zones from A’s ${format} export in B, with the imported estates as members`, async () => {
      const before = await counts(b);
      const reply = await importIntoB(format, await importedFeatures(format));
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      const result = reply.body as ImportResult;
      expect(result.inserted).toBe(exportedIds.length);

      const zonesB = (await b.get<{ features: ZoneApiFeature[] }>('/api/zones')).body.features;
      const estatesB = (await b.get<EstateCollection>('/api/estates')).body.features as EstateApiFeature[];
      const namesB = new Map(estatesB.map((estate) => [estate.id, estate.properties.name]));
      expect(zonesB.map((zone) => zoneSummary(zone, namesB))).toEqual(zonesA.map((zone) => zoneSummary(zone, namesA)));
      for (const zone of zonesB) {
        expect(zone.properties.boundary).toBe('computed');
        for (const id of zone.properties.estateIds) expect(result.ids).toContain(id);
      }
      const [audit] = await b.db.query<{ created: number }>(
        `SELECT count(*)::int AS created FROM audit_log WHERE entity = 'zone' AND action = 'create' AND entity_id = ANY($1::text[])`,
        [zonesB.map((zone) => String(zone.id))],
      );
      expect(audit?.created).toBe(zonesA.length);

      // Back to B without A's estates for the next format.
      await b.db.query('DELETE FROM zones');
      await b.db.query('DELETE FROM estates WHERE id = ANY($1::int[])', [result.ids]);
      expect(await counts(b)).toEqual(before);
    });
  }

  it('refuses the whole import when a zone of the file breaks a zone rule, naming the rule on that zone’s rows', async () => {
    const features = (await importedFeatures('csv')) as { properties: Record<string, unknown> }[];
    const lonerIndex = exportedIds.indexOf(loner);
    const firstZone = zonesA[0]?.properties.name;
    const lonerFeature = features[lonerIndex];
    if (!lonerFeature || !firstZone) throw new Error('no loner row');
    // The loner, more than 500 m from the first zone's members, joins it: the zone is no longer connected.
    lonerFeature.properties.zone = firstZone;
    const before = await counts(b);
    const reply = await importIntoB('csv', features);
    expect(reply.status).toBe(422);
    const body = reply.body as RejectedBody;
    expect(body.error.code).toBe('import_rejected');
    const refused = body.error.details.rows.filter((row) => row.problems.length > 0);
    expect(refused.map((row) => row.index)).toEqual(
      exportedIds.flatMap((id, index) => (id === loner || zoneOfEstate(id) === firstZone ? [index] : [])),
    );
    for (const row of refused) {
      expect(row.problems).toEqual([
        expect.objectContaining({
          code: 'zone_refused',
          params: expect.objectContaining({ zone: firstZone, rule: 'zone_disconnected', gapM: 50 }),
        }),
      ]);
    }
    expect(await counts(b)).toEqual(before);
  });

  it('reports a zone name a stored zone already uses when validating, before anything is written', async () => {
    const features = (await importedFeatures('geojson')) as { properties: Record<string, unknown> }[];
    const taken = zonesA[1]?.properties.name;
    const target = features[exportedIds.indexOf(loner)];
    if (!target || !taken) throw new Error('no row');
    target.properties.zone = ` ${taken.toUpperCase()} `;
    // A holds the zone and the estates: only the zone problem is asked about here.
    const reply = await plannerA.request<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: [target] });
    expect(reply.status).toBe(200);
    expect(reply.body.rows[0]?.problems.find((p) => p.code === 'zone_refused')).toMatchObject({
      params: { rule: 'zone_name_taken', name: taken, id: zonesA[1]?.id },
    });
    const tooLong = { ...target, properties: { ...target.properties, zone: '片'.repeat(61) } };
    const long = await plannerA.request<{ rows: RowReport[] }>('POST', '/api/imports/validate', { features: [tooLong] });
    expect(long.body.rows[0]?.problems.map((p) => p.code)).toContain('zone_name_invalid');
  });
});
