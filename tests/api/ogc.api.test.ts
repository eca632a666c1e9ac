/**
 * OGC API – Features on both back-ends: landing page, conformance, collections with extents, items
 * by bbox with paging links (counts checked against a PostGIS ST_Intersects count), single items,
 * 400/404 answers, and desktop-GIS access with HTTP Basic credentials that can only read.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../server/seed/demo-accounts.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);
/** GDAL's command-line tools from Debian's gdal-bin (CI installs it). */
const hasGdal = existsSync('/usr/bin/ogrinfo') || Boolean(process.env.CI);

interface FeaturePage {
  type: string;
  features: { id: number; geometry: { type: string }; properties: Record<string, unknown> }[];
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string }[];
}

describe.each(testBackends())('OGC API – Features on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    copy = await openTestDb(backend);
    server = await startTestServer({ db: copy.db, as: 'leader' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('answers the landing page, conformance and the collections with their extents, signed in only', async () => {
    const landing = await server.get<{ links: { rel: string; href: string }[] }>('/ogc');
    expect(landing.status).toBe(200);
    expect(landing.body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data']));
    const conformance = await server.get<{ conformsTo: string[] }>('/ogc/conformance');
    expect(conformance.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    const list = await server.get<{ collections: { id: string; extent?: { spatial: { bbox: number[][] } } }[] }>('/ogc/collections');
    expect(list.body.collections.map((c) => c.id)).toEqual(['estates', 'zones', 'facilities']);
    const [extent] = await copy.db.query<{ xmin: number; ymax: number }>(
      'SELECT ST_XMin(ST_Extent(geom)) AS xmin, ST_YMax(ST_Extent(geom)) AS ymax FROM estates',
    );
    const estates = list.body.collections.find((c) => c.id === 'estates')!;
    expect(estates.extent!.spatial.bbox[0]![0]).toBeCloseTo(extent!.xmin, 9);
    expect(estates.extent!.spatial.bbox[0]![3]).toBeCloseTo(extent!.ymax, 9);
    const anonymous = await server.as(null);
    expect((await anonymous.get('/ogc/collections')).status).toBe(401);
    // The 401 says how to sign in, so QGIS and browsers ask for a user name and password.
    expect((await fetch(`${server.url}/ogc/collections`)).headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('pages through a bbox with next links and returns exactly what PostGIS finds there', async () => {
    const [box] = await copy.db.query<{ x0: number; y0: number; x1: number; y1: number }>(
      `SELECT ST_XMin(e) + (ST_XMax(e) - ST_XMin(e)) * 0.2 AS x0, ST_YMin(e) + (ST_YMax(e) - ST_YMin(e)) * 0.2 AS y0,
              ST_XMin(e) + (ST_XMax(e) - ST_XMin(e)) * 0.7 AS x1, ST_YMin(e) + (ST_YMax(e) - ST_YMin(e)) * 0.7 AS y1
       FROM (SELECT ST_Extent(geom)::geometry AS e FROM estates) s`,
    );
    const bbox = [box!.x0, box!.y0, box!.x1, box!.y1];
    const expected = await copy.db.query<{ id: number }>(
      'SELECT id FROM estates WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4326)) ORDER BY id',
      bbox,
    );
    expect(expected.length).toBeGreaterThan(10);
    const seen: number[] = [];
    let next: string | undefined = `/ogc/collections/estates/items?bbox=${bbox.join(',')}&limit=7`;
    while (next) {
      const page: { status: number; body: FeaturePage } = await server.get<FeaturePage>(next);
      expect(page.status).toBe(200);
      expect(page.body.numberMatched).toBe(expected.length);
      expect(page.body.numberReturned).toBe(page.body.features.length);
      seen.push(...page.body.features.map((f) => f.id));
      const link = page.body.links.find((l) => l.rel === 'next')?.href;
      next = link ? new URL(link).pathname + new URL(link).search : undefined;
    }
    expect(seen).toEqual(expected.map((e) => e.id));
  });

  it('answers one feature with its properties, and 404 or 400 for what does not exist or is malformed', async () => {
    const [row] = await copy.db.query<{ id: number; name: string; households: number | null }>(
      'SELECT id, name, households FROM estates ORDER BY id LIMIT 1',
    );
    const one = await server.get<{ id: number; properties: { name: string; households: number | null } }>(
      `/ogc/collections/estates/items/${row!.id}`,
    );
    expect(one.body).toMatchObject({ id: row!.id, properties: { name: row!.name, households: row!.households } });
    expect((await server.get('/ogc/collections/estates/items/999999')).status).toBe(404);
    expect((await server.get('/ogc/collections/roads')).status).toBe(404);
    expect((await server.get('/ogc/nowhere')).status).toBe(404);
    for (const bad of ['limit=0', 'limit=abc', 'offset=-1', 'bbox=1,2,3', 'f=xml', 'colour=red'])
      expect((await server.get(`/ogc/collections/estates/items?${bad}`)).status, bad).toBe(400);
  });

  it('lets desktop GIS read with HTTP Basic credentials, refuses a wrong password, and never writes that way', async () => {
    const account = DEMO_ACCOUNTS.leader;
    const basic = (password: string) => ({ Authorization: `Basic ${Buffer.from(`${account.username}:${password}`).toString('base64')}` });
    const ok = await fetch(`${server.url}/ogc/collections/facilities/items?limit=3`, { headers: basic(account.password) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('application/geo+json');
    expect(((await ok.json()) as FeaturePage).features).toHaveLength(3);
    expect((await fetch(`${server.url}/ogc/collections`, { headers: basic('wrong-password') })).status).toBe(401);
    const write = await fetch(`${server.url}/api/progress`, {
      method: 'POST',
      headers: { ...basic(DEMO_ACCOUNTS.planner.password), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect([401, 403]).toContain(write.status);
  });

  it('serves every page as HTML to a browser, escaping what planners typed, with links between the two formats', async () => {
    const [estate] = await copy.db.query<{ id: number; name: string }>('SELECT id, name FROM estates ORDER BY id LIMIT 1');
    await copy.db.query('UPDATE estates SET name = $2 WHERE id = $1', [estate!.id, '<script>alert(1)</script>小区']);
    try {
      const html = async (path: string, accept = 'text/html,application/xhtml+xml,*/*;q=0.8') => {
        const reply = await server.raw(path, { headers: { Accept: accept } });
        expect(reply.status, path).toBe(200);
        expect(reply.headers.get('content-type'), path).toMatch(/^text\/html/);
        return reply.text;
      };
      const landing = await html('/ogc');
      expect(landing).toContain('f=html');
      expect(await html('/ogc/conformance?f=html', 'application/json')).toContain('ogcapi-features-1/1.0/conf/core');
      const list = await html('/ogc/collections');
      expect(list).toMatch(/estates[\s\S]*zones[\s\S]*facilities/);
      const page = await html(`/ogc/collections/estates/items?limit=5`);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;小区');
      expect(page).not.toContain('<script>');
      expect(page).toContain(`/ogc/collections/estates/items/${estate!.id}?f=html`);
      const one = await html(`/ogc/collections/estates/items/${estate!.id}`);
      expect(one).toContain('&lt;script&gt;');
      // GIS clients (no Accept, or JSON) still get JSON, which links to the HTML.
      const json = await server.get<{ links: { rel: string; type: string; href: string }[] }>('/ogc/collections');
      expect(json.headers.get('content-type')).toMatch(/^application\/json/);
      expect(json.body.links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'text/html' }));
      expect((await server.get('/ogc?f=xml')).status).toBe(400);
    } finally {
      await copy.db.query('UPDATE estates SET name = $2 WHERE id = $1', [estate!.id, estate!.name]);
    }
  });

  it.skipIf(!hasGdal)(
    'is read by GDAL’s OAPIF driver: ogrinfo lists the layers and ogr2ogr copies every estate',
    async () => {
      const account = DEMO_ACCOUNTS.leader;
      const env = { ...process.env, GDAL_HTTP_AUTH: 'BASIC', GDAL_HTTP_USERPWD: `${account.username}:${account.password}` };
      const source = `OAPIF:${server.url}/ogc`;
      const layers = await run('ogrinfo', ['-ro', '-q', source], { env, timeout: 60_000 });
      expect(layers.stdout).toMatch(/estates/);
      expect(layers.stdout).toMatch(/zones/);
      expect(layers.stdout).toMatch(/facilities/);
      const [count] = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM estates');
      const summary = await run('ogrinfo', ['-ro', '-so', source, 'estates'], { env, timeout: 60_000 });
      expect(summary.stdout).toContain(`Feature Count: ${count!.n}`);
      const dir = mkdtempSync(join(tmpdir(), 'atlas-ogr-'));
      try {
        const out = join(dir, 'estates.geojson');
        // A small page size makes GDAL follow the next links.
        await run('ogr2ogr', ['-f', 'GeoJSON', out, source, 'estates', '-oo', 'PAGE_SIZE=25'], { env, timeout: 120_000 });
        const copied = JSON.parse(readFileSync(out, 'utf8')) as { features: { properties: { name: string } }[] };
        expect(copied.features).toHaveLength(count!.n);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
