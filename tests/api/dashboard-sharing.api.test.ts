/**
 * Leaders asking for the dashboard at once share one computation (server/features/programme/
 * dashboard-cache.ts), and a kept answer never outlives a change to what it reads: on both back-ends,
 * with the database's statements counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardAnswer } from '../../core/contract/index.js';
import type { Db } from '../../server/db/index.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** The statement that reads every estate's state: once per dashboard computed. */
const ESTATE_STATES_STATEMENT = 'LEFT JOIN estate_current_state k';

/** `db`, counting the statements that contain `marker` (on the primary and the reader alike). */
function countingDb(db: Db, marker: string): { db: Db; count(): number } {
  let count = 0;
  const query: Db['query'] = (sql, params) => {
    if (sql.includes(marker)) count += 1;
    return db.query(sql, params);
  };
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'reader') return { query };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: counted, count: () => count };
}

describe.each(testBackends())('dashboards shared between leaders on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  let statements: () => number;

  beforeAll(async () => {
    copy = await openTestDb(backend);
    const counted = countingDb(copy.db, ESTATE_STATES_STATEMENT);
    statements = counted.count;
    server = await startTestServer({ db: counted.db, as: 'planner' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('computes one answer for twenty leaders asking at once, and keeps it until the data changes', async () => {
    const path = '/api/dashboard?asOf=2026-11-30';
    const leader = await server.as('leader');
    const replies = await Promise.all(Array.from({ length: 20 }, () => leader.get<DashboardAnswer>(path)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    for (const reply of replies) expect(reply.body).toEqual(replies[0]!.body);
    expect(statements()).toBe(1);

    // Asked again, and for a few estates only: the same answer, cut to those estates, nothing recomputed.
    const ids = replies[0]!.body.estates.slice(0, 3).map((e) => e.estateId);
    const some = await leader.get<DashboardAnswer>(`${path}&estates=${ids.join(',')}`);
    expect(some.body.estates.map((e) => e.estateId)).toEqual(ids);
    expect({ ...some.body, estates: [] }).toEqual({ ...replies[0]!.body, estates: [] });
    expect(statements()).toBe(1);

    // Another question is another computation.
    expect((await leader.get(`${path}&year=2027`)).status).toBe(200);
    expect(statements()).toBe(2);
  });

  it('answers afresh after progress, an item, or an edit made beside the app', async () => {
    const path = '/api/dashboard?asOf=2026-11-30';
    const before = (await server.get<DashboardAnswer>(path)).body;
    const outside = before.estates.find((e) => e.stage === 'not_in_programme');
    if (!outside) throw new Error('the demo city has no estate outside the programme');
    const counted = statements();

    expect(
      (await server.request('POST', '/api/progress', { estateId: outside.estateId, date: '2026-11-01', stage: 'reserve', progressPct: 0 }))
        .status,
    ).toBe(201);
    const afterProgress = (await server.get<DashboardAnswer>(path)).body;
    expect(afterProgress.estates.find((e) => e.estateId === outside.estateId)?.stage).toBe('reserve');
    expect(statements()).toBe(counted + 1);

    const item = await server.request('POST', '/api/items', {
      estateId: outside.estateId,
      itemType: 'lift_installation',
      quantity: 2,
      estimatedCostYuan: 500_000,
      date: '2026-11-01',
    });
    expect(item.status).toBe(201);
    const afterItem = (await server.get<DashboardAnswer>(path)).body;
    expect(afterItem.investment.plannedYuan).toBeCloseTo(afterProgress.investment.plannedYuan + 500_000, 2);
    expect(afterItem.itemCounts.lifts).toBe(afterProgress.itemCounts.lifts + 2);

    // A change made beside the app (another instance, an import): the data version moves with it too.
    await copy.db.query('UPDATE estates SET households = households + 1000 WHERE id = $1', [outside.estateId]);
    const afterEdit = (await server.get<DashboardAnswer>(path)).body;
    const households = (answer: DashboardAnswer) => answer.byStage.reduce((sum, s) => sum + s.households, 0);
    expect(households(afterEdit)).toBe(households(afterItem) + 1000);
    expect(statements()).toBe(counted + 3);
  });
});
