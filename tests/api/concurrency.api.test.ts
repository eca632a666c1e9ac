/**
 * Concurrent writes have exactly one winner on both back-ends: same-version updates give one 200
 * and the rest 409; fifty identical creates land once; two admins creating one username get one account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateApiFeature } from '../../core/contract/index.js';
import { testBackends } from '../helpers/test-db.js';
import { squareAround } from '../helpers/test-polygons.js';
import { startTestServer, type TestClient, type TestServer } from '../helpers/test-server.js';

function histogram(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe.each(testBackends())('concurrent writes (%s)', (backend) => {
  let server: TestServer;
  let planner: TestClient;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    planner = await server.as('planner');
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives one of 20 same-version updates 200 and the other 19 a 409, and stores the winner', async () => {
    const [estate] = await server.db.query<{ id: number; version: number }>('SELECT id, version FROM estates ORDER BY id LIMIT 1 OFFSET 7');
    if (!estate) throw new Error('no estate');
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        planner.request<EstateApiFeature>('PATCH', `/api/estates/${estate.id}`, {
          version: estate.version,
          properties: { households: 500 + k },
        }),
      ),
    );
    expect(histogram(replies.map((r) => r.status))).toEqual({ 200: 1, 409: 19 });
    const winner = replies.find((r) => r.status === 200)?.body.properties.households;
    const [stored] = await server.db.query<{ households: number; version: number }>(
      'SELECT households, version FROM estates WHERE id = $1',
      [estate.id],
    );
    expect(stored).toEqual({ households: winner, version: estate.version + 1 });
    const [trail] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'estate' AND entity_id = $1::text`,
      [estate.id],
    );
    expect(trail?.n).toBe(1);
  });

  it('lands 50 identical concurrent creates once', async () => {
    const body = { type: 'Feature', geometry: squareAround(121.5, 31.5, 50), properties: { name: '并发创建小区' } };
    const replies = await Promise.all(Array.from({ length: 50 }, () => planner.request('POST', '/api/estates', body)));
    expect(histogram(replies.map((r) => r.status))).toEqual({ 201: 1, 409: 49 });
    const [rows] = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM estates WHERE name = '并发创建小区'`);
    expect(rows?.n).toBe(1);
  });

  it('creates one account when two administrators create the same username at once', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.request('POST', '/api/users', { username: 'zhao.min', password: 'concurrent-1', role: 'leader' }),
      ),
    );
    expect(histogram(replies.map((r) => r.status))).toEqual({ 201: 1, 409: 9 });
  });
});
