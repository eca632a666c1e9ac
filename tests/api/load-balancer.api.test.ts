/**
 * Two app instances, each with its own connection pool and tile cache, behind one nginx on one
 * PostGIS database: both serve, a session made on one works on the other, a write through either is
 * what the other reads next (lists, tiles, version conflicts), and signing out ends the session on
 * both. The API keeps no state between requests, so nothing else is needed to scale out.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { openDb, type Db } from '../../server/db/index.js';
import { NGINX, startLoadBalancer, type LoadBalancer } from '../helpers/load-balancer.js';
import { signIn } from '../helpers/sign-in.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { testClient, type TestClient } from '../helpers/test-server.js';

const ready = existsSync(NGINX) && testBackends().includes('postgres');

async function listen(db: Db): Promise<{ server: Server; url: string }> {
  const server = createApp(db, loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'warn', TRUST_PROXY: 'loopback' })).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.runIf(ready)('two app instances behind nginx', () => {
  let copy: TestDb;
  let secondPool: Db;
  let instances: { server: Server; url: string }[];
  let balancer: LoadBalancer;
  let client: TestClient;
  beforeAll(async () => {
    copy = await openTestDb('postgres');
    secondPool = await openDb({ databaseUrl: copy.url!, pgliteDataDir: '' });
    instances = [await listen(copy.db), await listen(secondPool)];
    balancer = await startLoadBalancer(instances.map((i) => i.url));
    client = testClient(balancer.url, await signIn(balancer.url, 'planner'));
  }, 60_000);
  afterAll(async () => {
    await balancer?.stop();
    for (const { server } of instances ?? []) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await secondPool?.close();
    await copy?.dispose();
  });

  const upstreamOf = (reply: { headers: Headers }) => reply.headers.get('x-upstream');

  it('spreads requests over both instances, which answer alike with one session', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => client.get<{ features: { id: number }[] }>('/api/estates?limit=50')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map(upstreamOf)).size).toBe(2);
    const bodies = new Set(replies.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(1);
  });

  it('shows a write through one instance on the next read of either, in lists and tiles, and refuses a stale version on both', async () => {
    const [estate] = await copy.db.query<{ id: number; version: number; households: number; bbox: string }>(
      `SELECT id, version, households, concat_ws(',', ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) AS bbox FROM estates ORDER BY id LIMIT 1`,
    );
    const tileVersions = async () =>
      new Set((await Promise.all([1, 2, 3, 4].map(() => client.get<{ version: string }>('/api/tiles')))).map((r) => r.body.version));
    const before = await tileVersions();
    expect(before.size).toBe(1);
    const patched = await client.request('PATCH', `/api/estates/${estate!.id}`, {
      version: estate!.version,
      properties: { households: estate!.households + 3 },
    });
    expect(patched.status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const reply = await client.get<{ features: { id: number; properties: { households: number } }[] }>(
        `/api/estates?bbox=${estate!.bbox}`,
      );
      expect(reply.body.features.find((f) => f.id === estate!.id)!.properties.households).toBe(estate!.households + 3);
    }
    const after = await tileVersions();
    expect(after.size).toBe(1);
    expect([...after][0]).not.toBe([...before][0]);
    const stale = await Promise.all(
      [1, 2].map(() => client.request('PATCH', `/api/estates/${estate!.id}`, { version: estate!.version, properties: { households: 1 } })),
    );
    expect(stale.map((r) => r.status)).toEqual([409, 409]);
    expect(new Set(stale.map(upstreamOf)).size).toBe(2);
  });

  it('ends a session on both instances when it signs out on one', async () => {
    const own = testClient(balancer.url, await signIn(balancer.url, 'leader'));
    expect((await own.get('/api/auth/session')).status).toBe(200);
    expect((await own.request('POST', '/api/auth/logout')).status).toBe(204);
    const after = await Promise.all([1, 2, 3, 4].map(() => own.get('/api/auth/session')));
    expect(after.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(new Set(after.map(upstreamOf)).size).toBe(2);
  });
});
