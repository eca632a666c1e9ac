import { bootstrapDb } from './server/bootstrap.js';
import { loadConfig } from './server/config.js';
import { loadZoneEstates } from './server/features/zones/zone-estates.js';
import { metricPlaneOf } from './server/features/zones/zones.sql.js';
import { groupEstates } from './core/zones/suggest-zones.js';
const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atlas_zbench', SEED_DEMO: 'false', LOG_LEVEL: 'silent' });
const db = await bootstrapDb(config, () => undefined);
let t = performance.now();
const lap = (label: string) => { const now = performance.now(); console.log(label, (now - t).toFixed(0), 'ms'); t = now; };
const proj = (await metricPlaneOf(db, 'FROM estates e WHERE $1::int IS NOT NULL', [1]))!;
lap('plane');
const estates = await loadZoneEstates(db, proj, 2000, 'true', []);
lap(`load ${estates.length}`);
const groups = groupEstates(estates, { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false });
lap(`group ${groups.length}`);
const sizes = groups.map((g) => g.length).sort((a, b) => b - a);
console.log('largest', sizes.slice(0, 10), 'multi', sizes.filter((s) => s > 1).length, 'in multi', sizes.filter((s) => s > 1).reduce((a, b) => a + b, 0));
for (const q of [
  `SELECT count(*) FROM (SELECT ST_ClusterDBSCAN(ST_Transform(geom, $1::text), eps := 50, minpoints := 1) OVER () cid FROM estates) s`,
  `SELECT count(*) FROM (SELECT cid, ST_Union(g) FROM (SELECT ST_ClusterDBSCAN(g, eps := 50, minpoints := 1) OVER () AS cid, g FROM (SELECT ST_Transform(geom, $1::text) AS g FROM estates) s) c GROUP BY cid) z`,
]) { t = performance.now(); await db.query(q, [proj]); lap(q.slice(0, 60)); }
await db.close();
