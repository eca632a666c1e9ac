/**
 * Scaling reads onto PostgreSQL's own streaming replication: with DATABASE_READ_URL the app sends
 * its read-only queries (lists, tiles, dashboard) to a hot standby built here with
 * pg_createcluster + pg_basebackup -R, writes go to the primary, a write becomes visible on the
 * replica, and reads fall back to the primary while the replica is down. Needs root (CI runs as root).
 */
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/index.js';
import { canBuildReplicaPair, startReplicaPair, type ReplicaPair } from '../helpers/replica-cluster.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const templateUrl = inject('postgresTemplateUrl');

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(canBuildReplicaPair() && templateUrl)('reads on a streaming replica (DATABASE_READ_URL)', () => {
  let pair: ReplicaPair;
  let db: Db;
  let replicaOnly: Db;
  let server: TestServer;
  beforeAll(async () => {
    pair = await startReplicaPair(templateUrl!);
    db = await openDb({ databaseUrl: pair.primaryUrl, databaseReadUrl: pair.replicaUrl, pgliteDataDir: '' });
    replicaOnly = await openDb({ databaseUrl: pair.replicaUrl, pgliteDataDir: '' });
    server = await startTestServer({ db, as: 'planner' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await replicaOnly?.close();
    await pair?.dispose();
  }, 60_000);

  interface Listed {
    features: { id: number; properties: { households: number } }[];
  }

  async function estateAndBbox(): Promise<{ id: number; version: number; households: number; bbox: string }> {
    const [row] = await db.query<{ id: number; version: number; households: number; bbox: string }>(
      `SELECT id, version, households, concat_ws(',', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) AS bbox
       FROM estates ORDER BY id LIMIT 1`,
    );
    return row!;
  }

  it('serves reads from the replica and writes on the primary; a write reaches the replica', async () => {
    const [standby] = await replicaOnly.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
    expect(standby!.recovering).toBe(true);
    const estate = await estateAndBbox();
    const listed = async () => (await server.get<Listed>(`/api/estates?bbox=${estate.bbox}`)).body.features.find((f) => f.id === estate.id);
    const tileVersion = async () => (await server.get<{ version: string }>('/api/tiles')).body.version;
    expect((await listed())!.properties.households).toBe(estate.households);
    const versionBefore = await tileVersion();

    // With replay paused the replica cannot see the write: what the app lists then comes from it.
    await pair.pauseReplay();
    const patched = await server.request('PATCH', `/api/estates/${estate.id}`, {
      version: estate.version,
      properties: { households: estate.households + 11 },
    });
    expect(patched.status).toBe(200);
    const [onPrimary] = await db.query<{ households: number }>('SELECT households FROM estates WHERE id = $1', [estate.id]);
    expect(onPrimary!.households).toBe(estate.households + 11);
    expect((await listed())!.properties.households).toBe(estate.households);
    expect(await tileVersion()).toBe(versionBefore);

    await pair.resumeReplay();
    const seen = await eventually(listed, (f) => f?.properties.households === estate.households + 11);
    expect(seen!.properties.households).toBe(estate.households + 11);
    expect(await tileVersion()).not.toBe(versionBefore);
    const connections = await replicaOnly.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'renewal-atlas' AND pid <> pg_backend_pid()",
    );
    expect(connections[0]!.n).toBeGreaterThan(0);
  }, 60_000);

  it('keeps answering reads from the primary while the replica is down', async () => {
    const estate = await estateAndBbox();
    await pair.stopReplica();
    try {
      const reply = await server.get<Listed>(`/api/estates?bbox=${estate.bbox}`);
      expect(reply.status).toBe(200);
      expect(reply.body.features.some((f) => f.id === estate.id)).toBe(true);
      const dashboard = await server.get('/api/dashboard');
      expect(dashboard.status).toBe(200);
    } finally {
      await pair.startReplica();
    }
  }, 60_000);
});
