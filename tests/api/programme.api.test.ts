/**
 * The renovation programme on both back-ends: progress appended and never changed, states as of a
 * date checked against a plain SQL derivation (DISTINCT ON), zone-wide entries in one transaction,
 * the 422 rules, 50 concurrent appends all landing once, plans, items and funding feeding the
 * dashboard, and change events crossing app instances through LISTEN/NOTIFY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_DASHBOARD_ESTATE_IDS,
  type DashboardAnswer,
  type ProgressEntryAnswer,
  type StageCatalogueRecord,
} from '../../core/contract/index.js';
import type { ProgressEntry } from '../../core/programme/progress-history.js';
import { DEFAULT_STAGE_CATALOGUE } from '../../core/programme/stages.js';
import { openDb, type Db } from '../../server/db/index.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { openChangeStream } from '../helpers/event-stream.js';

interface ErrorBody {
  error: { code: string; message: string; params?: Record<string, unknown> };
}

/** Each estate's stage on `asOf` by SQL alone: the latest entry not replaced by a correction. */
async function sqlStages(db: Db, asOf: string): Promise<Map<number, string>> {
  const rows = await db.query<{ estate_id: number; stage: string }>(
    `SELECT DISTINCT ON (estate_id) estate_id, stage FROM progress_entries p
     WHERE entry_date <= $1::date AND NOT EXISTS (SELECT 1 FROM progress_entries c WHERE c.corrects = p.id)
     ORDER BY estate_id, entry_date DESC, id DESC`,
    [asOf],
  );
  return new Map(rows.map((r) => [r.estate_id, r.stage]));
}

async function sqlByStage(db: Db, asOf: string): Promise<{ stage: string; estates: number; households: number }[]> {
  const stages = await sqlStages(db, asOf);
  const estates = await db.query<{ id: number; households: number }>('SELECT id, households FROM estates');
  return DEFAULT_STAGE_CATALOGUE.ids.map((stage) => {
    const members = estates.filter((e) => (stages.get(e.id) ?? 'not_in_programme') === stage);
    return { stage, estates: members.length, households: members.reduce((sum, e) => sum + e.households, 0) };
  });
}

async function entryCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_entries');
  return row!.n;
}

/** Estates outside the programme (no history), ordered, to record progress on. */
async function freshEstates(db: Db, n: number): Promise<{ id: number; households: number }[]> {
  return db.query(
    `SELECT id, households FROM estates e WHERE NOT EXISTS (SELECT 1 FROM progress_entries p WHERE p.estate_id = e.id) ORDER BY id LIMIT $1`,
    [n],
  );
}

describe.each(testBackends())('renovation programme on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;

  beforeAll(async () => {
    copy = await openTestDb(backend);
    server = await startTestServer({ db: copy.db, as: 'planner' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  it('answers the demo programme per stage as of any date exactly as SQL derives it from the history', async () => {
    for (const asOf of ['2025-09-30', '2026-03-31', '2026-11-30']) {
      const answer = await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}`);
      expect(answer.status).toBe(200);
      expect(answer.body.byStage).toEqual(await sqlByStage(copy.db, asOf));
      const stages = await sqlStages(copy.db, asOf);
      for (const estate of answer.body.estates) expect(estate.stage).toBe(stages.get(estate.estateId) ?? 'not_in_programme');
      // Start rate: started ÷ planned this year, by SQL.
      const year = Number(asOf.slice(0, 4));
      const planned = await copy.db.query<{ estate_id: number; households: number }>(
        'SELECT pe.estate_id, e.households FROM plan_estates pe JOIN estates e ON e.id = pe.estate_id WHERE pe.year = $1',
        [year],
      );
      const started = planned.filter((p) => DEFAULT_STAGE_CATALOGUE.isStarted(stages.get(p.estate_id) ?? 'not_in_programme'));
      expect(answer.body.startRate.byEstates).toBeCloseTo(started.length / planned.length, 12);
      const households = (rows: typeof planned) => rows.reduce((sum, p) => sum + p.households, 0);
      expect(answer.body.startRate.byHouseholds).toBeCloseTo(households(started) / households(planned), 12);
    }
    // The demo has a year of history with corrections, both years' plans, items and funding.
    const now = (await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-11-30')).body;
    expect(now.historyFrom! < '2025-12-01').toBe(true);
    expect(now.startRate.planned.estates).toBeGreaterThan(20);
    expect(now.itemCounts.lifts).toBeGreaterThan(0);
    const [sums] = await copy.db.query<{ planned: number; local: number }>(
      `SELECT sum(estimated_cost_yuan) AS planned, (SELECT sum(planned_yuan) FROM funding WHERE source = 'local_subsidy') AS local FROM renovation_items`,
    );
    expect(now.investment.plannedYuan).toBeCloseTo(sums!.planned, 2);
    expect(now.localSubsidy.planned.cityYuan + now.localSubsidy.planned.districtYuan).toBe(Math.round(sums!.local));
    expect(now.localSubsidy.planned.cityYuan).toBe(Math.round((sums!.local * 7) / 10));
    const [corrections] = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM progress_entries WHERE corrects IS NOT NULL');
    expect(corrections!.n).toBeGreaterThan(0);
  });

  it('lists only the estates a tiled map asks for, every figure staying that of the whole city', async () => {
    const asOf = '2026-11-30';
    const { estates: all, ...figures } = (await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}`)).body;
    const stages = await sqlStages(copy.db, asOf);
    const started = all.filter((e) => e.stage !== 'not_in_programme').slice(0, 2);
    const ids = [...started.map((e) => e.estateId), all[0]!.estateId];
    const some = await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&estates=${ids.join(',')}`);
    expect(some.status).toBe(200);
    expect(some.body.estates.map((e) => e.estateId).sort((a, b) => a - b)).toEqual([...new Set(ids)].sort((a, b) => a - b));
    for (const estate of some.body.estates) expect(estate.stage).toBe(stages.get(estate.estateId) ?? 'not_in_programme');
    expect({ ...some.body, estates: undefined }).toEqual({ ...figures, estates: undefined });
    const none = await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&estates=none`);
    expect(none.body.estates).toEqual([]);
    expect(none.body.byStage).toEqual(figures.byStage);
    // Bad lists: 400 saying what is wrong.
    for (const bad of ['1,x', Array.from({ length: MAX_DASHBOARD_ESTATE_IDS + 1 }, (_, i) => i + 1).join(',')]) {
      const refused = await server.get<{ error: { message: string } }>(`/api/dashboard?estates=${bad}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/estates|id/);
    }
  });

  it('lists, to a tiled map, every estate of the city the leaders’ filter keeps or fades (the shorter list), as SQL finds them', async () => {
    const asOf = '2026-03-31';
    const stages = await sqlStages(copy.db, asOf);
    const allIds = (await copy.db.query<{ id: number }>('SELECT id FROM estates ORDER BY id')).map((r) => r.id);
    const planned = new Set(
      (await copy.db.query<{ estate_id: number }>('SELECT estate_id FROM plan_estates WHERE year = 2026')).map((r) => r.estate_id),
    );
    const stageOf = (id: number) => stages.get(id) ?? 'not_in_programme';
    const counts = new Map<string, number>();
    for (const id of allIds) counts.set(stageOf(id), (counts.get(stageOf(id)) ?? 0) + 1);
    // The most common started stage, and every stage but it (most estates kept: the faded side is listed).
    const started = DEFAULT_STAGE_CATALOGUE.ids.filter((stage) => DEFAULT_STAGE_CATALOGUE.isStarted(stage) && counts.has(stage));
    const busiest = started.sort((a, b) => counts.get(b)! - counts.get(a)!)[0]!;
    const others = DEFAULT_STAGE_CATALOGUE.ids.filter((stage) => stage !== busiest);
    const cases: [string, (id: number) => boolean][] = [
      ['planYear=2026', (id) => planned.has(id)],
      [`stage=${busiest}`, (id) => stageOf(id) === busiest],
      [`planYear=2026&stage=${busiest}`, (id) => planned.has(id) && stageOf(id) === busiest],
      [`stage=${others.join(',')}`, (id) => stageOf(id) !== busiest],
    ];
    const sides = new Set<string>();
    for (const [query, keeps] of cases) {
      const answer = await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&${query}&estates=none`);
      expect(answer.status, query).toBe(200);
      const kept = allIds.filter(keeps);
      const faded = allIds.filter((id) => !keeps(id));
      const listing = answer.body.matchedEstates!;
      expect(listing, query).toEqual(kept.length <= faded.length ? { lists: 'kept', ids: kept } : { lists: 'faded', ids: faded });
      expect(kept.length, query).toBe(answer.body.byStage.reduce((sum, s) => sum + s.estates, 0));
      sides.add(listing.lists);
    }
    // The filter's choices come from the plans, even in an answer listing no estate.
    const none = (await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&estates=none`)).body;
    const plans = await copy.db.query<{ year: number; batches: number[] }>(
      'SELECT year, array_agg(DISTINCT batch ORDER BY batch) AS batches FROM plan_estates GROUP BY year ORDER BY year',
    );
    expect(plans.length).toBeGreaterThan(0);
    expect(none.planBatches).toEqual(plans);
    // Both sides occur, so a list read the wrong way round is caught.
    expect([...sides].sort()).toEqual(['faded', 'kept']);
    // Without a filter, or in an answer that lists every estate itself, there is no list.
    expect((await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&estates=none`)).body.matchedEstates).toBeUndefined();
    expect((await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&planYear=2026`)).body.matchedEstates).toBeUndefined();
  });

  it('appends entries, never changes them, and refuses what breaks a rule with 422 and nothing stored', async () => {
    const [estate] = await freshEstates(copy.db, 1);
    const id = estate!.id;
    const post = (body: Record<string, unknown>) =>
      server.request<ProgressEntry[] & ErrorBody>('POST', '/api/progress', { estateId: id, ...body });
    const first = await post({ date: '2026-05-01', stage: 'design', progressPct: 0, note: '方案公示' });
    expect(first.status).toBe(201);
    expect(first.body[0]).toMatchObject({ estateId: id, stage: 'design', authorName: 'demo-planner' });
    expect((await post({ date: '2026-06-01', stage: 'construction', progressPct: 20, investmentDoneYuan: 100000 })).status).toBe(201);

    const before = await entryCount(copy.db);
    const refusals: [Record<string, unknown>, string][] = [
      [{ date: '2099-01-01', stage: 'construction', progressPct: 30 }, 'progress_date_future'],
      [{ date: '2026-06-10', stage: 'construction', progressPct: 120 }, 'progress_pct_out_of_range'],
      [{ date: '2026-06-10', stage: 'construction', progressPct: -1 }, 'progress_pct_out_of_range'],
      [{ date: '2026-07-01', stage: 'design', progressPct: 0 }, 'stage_backwards'],
      [{ date: '2026-04-01', stage: 'completed', progressPct: 100 }, 'stage_overtakes_later'],
      [{ date: '2026-06-02', stage: 'design', progressPct: 0, corrects: first.body[0]!.id }, 'correction_reason_required'],
      [{ date: '2026-06-02', stage: 'design', progressPct: 0, corrects: 999999, note: '错了' }, 'correction_target_invalid'],
      // Which stages exist is the administrator's list, so an unknown one is a rule (422), not a malformed request.
      [{ date: '2026-06-10', stage: 'demolished', progressPct: 1 }, 'stage_unknown'],
    ];
    for (const [body, code] of refusals) {
      const reply = await post(body);
      expect(reply.status, code).toBe(422);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message.length).toBeGreaterThan(10);
    }
    for (const bad of [
      { date: '2026-02-30', stage: 'design', progressPct: 0 },
      { date: '2026-06-10', stage: 'Not a stage id because it is far too long to be one', progressPct: 1 },
      { stage: 'design' },
    ]) {
      expect((await post(bad)).status).toBe(400);
    }
    expect(await entryCount(copy.db)).toBe(before);

    // A correction replaces the entry it names, on every date; the history keeps both.
    const [, construction] = (await server.get<ProgressEntryAnswer[]>(`/api/progress?estateId=${id}`)).body;
    const corrected = await post({
      date: '2026-06-01',
      stage: 'approved',
      progressPct: 0,
      corrects: construction!.id,
      note: '误报开工，实为立项',
    });
    expect(corrected.status).toBe(201);
    expect(
      (await post({ date: '2026-06-03', stage: 'approved', progressPct: 0, corrects: construction!.id, note: '再次更正' })).body.error.code,
    ).toBe('correction_target_invalid');
    const history = (await server.get<ProgressEntryAnswer[]>(`/api/progress?estateId=${id}`)).body;
    expect(history.map((h) => h.stage)).toEqual(['design', 'construction', 'approved']);
    const state = (await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-06-15')).body.estates.find((e) => e.estateId === id);
    expect(state).toMatchObject({ stage: 'approved', since: '2026-06-01' });
    expect((await sqlStages(copy.db, '2026-06-15')).get(id)).toBe('approved');

    // The table itself refuses to change or lose an entry.
    await expect(copy.db.query('UPDATE progress_entries SET progress_pct = 99 WHERE estate_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(copy.db.query('DELETE FROM progress_entries WHERE estate_id = $1', [id])).rejects.toThrow(/append-only/);
  });

  it('records a zone’s entry for every member in one transaction, or for none', async () => {
    const members = await freshEstates(copy.db, 3);
    const [zone] = await copy.db.query<{ id: number }>(
      `INSERT INTO zones (name, outline) SELECT '进度测试片区', ST_Multi(ST_Union(geom)) FROM estates WHERE id = ANY($1::int[]) RETURNING id`,
      [members.map((m) => m.id)],
    );
    await copy.db.query('INSERT INTO zone_estates (zone_id, estate_id) SELECT $1, unnest($2::int[])', [zone!.id, members.map((m) => m.id)]);
    const ok = await server.request<ProgressEntry[]>('POST', '/api/progress', {
      zoneId: zone!.id,
      date: '2026-08-01',
      stage: 'design',
      progressPct: 0,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.map((e) => e.estateId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(ok.body.every((e) => e.zoneId === zone!.id)).toBe(true);

    // One member moves ahead on its own; the zone's next entry would take it backwards: refused for all.
    expect(
      (
        await server.request('POST', '/api/progress', {
          estateId: members[2]!.id,
          date: '2026-09-01',
          stage: 'construction',
          progressPct: 10,
        })
      ).status,
    ).toBe(201);
    const before = await entryCount(copy.db);
    const refused = await server.request<ErrorBody>('POST', '/api/progress', {
      zoneId: zone!.id,
      date: '2026-09-15',
      stage: 'approved',
      progressPct: 0,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('progress_refused_for_member');
    expect(await entryCount(copy.db)).toBe(before);
    expect((await server.get<ProgressEntryAnswer[]>(`/api/progress?zoneId=${zone!.id}`)).body).toHaveLength(4);
  });

  it('lands 50 concurrent appends exactly once each', async () => {
    const [estate] = await freshEstates(copy.db, 1);
    const before = await entryCount(copy.db);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        server.request<ProgressEntry[]>('POST', '/api/progress', {
          estateId: estate!.id,
          date: '2026-10-01',
          stage: 'construction',
          progressPct: i,
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(await entryCount(copy.db)).toBe(before + 50);
    const stored = await copy.db.query<{ progress_pct: number }>(
      'SELECT progress_pct FROM progress_entries WHERE estate_id = $1 ORDER BY progress_pct',
      [estate!.id],
    );
    expect(stored.map((r) => r.progress_pct)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  }, 60_000);

  it('keeps plans, items and funding, and the dashboard follows them and its filters', async () => {
    const [a, b] = await freshEstates(copy.db, 2);
    const saved = await server.request<{ version: number; estates: unknown[] }>('PUT', '/api/plans/2027', {
      name: '2027年计划',
      targetEstates: 2,
      targetHouseholds: a!.households + b!.households,
      estates: [
        { estateId: a!.id, batch: 1 },
        { estateId: b!.id, batch: 2 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.estates).toHaveLength(2);
    const stale = await server.request<ErrorBody>('PUT', '/api/plans/2027', { version: 99 });
    expect(stale.status).toBe(409);
    const elsewhere = await copy.db.query<{ estate_id: number }>('SELECT estate_id FROM plan_estates WHERE year = 2026 LIMIT 1');
    const clash = await server.request<ErrorBody>('PUT', '/api/plans/2027', {
      version: 1,
      estates: [{ estateId: elsewhere[0]!.estate_id, batch: 1 }],
    });
    expect(clash.status).toBe(422);
    expect(clash.body.error.code).toBe('estate_in_other_plan');

    const item = await server.request<{ id: number }>('POST', '/api/items', {
      estateId: a!.id,
      itemType: 'lift_installation',
      quantity: 3,
      estimatedCostYuan: 1_800_000,
      date: '2026-11-01',
    });
    expect(item.status).toBe(201);
    expect(
      (await server.request('POST', '/api/items', { estateId: a!.id, itemType: 'teleporter', quantity: 1, estimatedCostYuan: 1 })).status,
    ).toBe(400);
    expect(
      (
        await server.request('POST', '/api/funding', {
          estateId: a!.id,
          source: 'local_subsidy',
          plannedYuan: 1_000_000,
          receivedYuan: 400_000,
          date: '2026-11-01',
        })
      ).status,
    ).toBe(201);
    await server
      .request('POST', '/api/progress', { estateId: a!.id, date: '2027-01-01', stage: 'construction', progressPct: 5 })
      .then((r) => expect(r.status).toBe(422));

    const plan = (await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-11-30&year=2027&planYear=2027')).body;
    expect(
      plan.estates
        .filter((e) => e.matched)
        .map((e) => e.estateId)
        .sort(),
    ).toEqual([a!.id, b!.id].sort());
    expect(plan.startRate.planned.estates).toBe(2);
    expect(plan.investment.plannedYuan).toBe(1_800_000);
    expect(plan.itemCounts.lifts).toBe(3);
    expect(plan.localSubsidy.planned).toEqual({ cityYuan: 700_000, districtYuan: 300_000 });
    expect(plan.localSubsidy.received).toEqual({ cityYuan: 280_000, districtYuan: 120_000 });
    const batch2 = (await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-11-30&year=2027&planYear=2027&batch=2')).body;
    expect(batch2.byStage.reduce((sum, s) => sum + s.estates, 0)).toBe(1);
    const improvement = (await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-11-30&planYear=2027&category=improvement')).body;
    expect(improvement.estates.filter((e) => e.matched).map((e) => e.estateId)).toEqual([a!.id]);

    expect((await server.request('DELETE', `/api/items/${item.body.id}`)).status).toBe(204);
    expect((await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-11-30&year=2027&planYear=2027')).body.investment.plannedYuan).toBe(
      0,
    );
    expect((await server.get('/api/dashboard?stage=built')).status).toBe(422);
    for (const bad of ['asOf=2026-13-01', 'stage=Built!', 'category=x', 'batch=abc', 'period=weekly', 'nonsense=1']) {
      expect((await server.get(`/api/dashboard?${bad}`)).status, bad).toBe(400);
    }
  });

  it('counts items and funding from the day they were recorded, so a replayed date shows the money as it stood', async () => {
    const [estate] = await freshEstates(copy.db, 1);
    const fund = (body: Record<string, unknown>) =>
      server.request<ErrorBody>('POST', '/api/funding', { estateId: estate!.id, source: 'residents', ...body });
    const first = await fund({ plannedYuan: 500_000, date: '2026-03-01' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await fund({ plannedYuan: 0, receivedYuan: 200_000, date: '2026-06-01' })).status).toBe(201);
    const item = await server.request('POST', '/api/items', {
      estateId: estate!.id,
      itemType: 'lift_installation',
      quantity: 1,
      estimatedCostYuan: 800_000,
      date: '2026-04-01',
    });
    expect(item.status).toBe(201);
    const before = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM funding');
    const future = await fund({ plannedYuan: 1, date: '2099-01-01' });
    expect([future.status, future.body.error.code]).toEqual([422, 'record_date_future']);
    expect(await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM funding')).toEqual(before);

    for (const asOf of ['2026-02-28', '2026-03-31', '2026-06-30']) {
      const answer = (await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}`)).body;
      const sql = await copy.db.query<{ source: string; planned: number; received: number }>(
        `SELECT source, sum(planned_yuan)::float8 AS planned, sum(received_yuan)::float8 AS received
         FROM estate_funding_shares WHERE recorded_on <= $1::date GROUP BY source`,
        [asOf],
      );
      for (const row of sql) {
        const shown = answer.funding.find((f) => f.source === row.source);
        expect(shown?.plannedYuan, `${asOf} ${row.source}`).toBeCloseTo(row.planned, 2);
        expect(shown?.receivedYuan, `${asOf} ${row.source}`).toBeCloseTo(row.received, 2);
      }
      const [cost] = await copy.db.query<{ yuan: number }>(
        'SELECT coalesce(sum(estimated_cost_yuan), 0)::float8 AS yuan FROM estate_item_shares WHERE recorded_on <= $1::date',
        [asOf],
      );
      expect(answer.investment.plannedYuan, asOf).toBeCloseTo(cost!.yuan, 2);
    }
    const listed = (await server.get<{ date: string; source: string; receivedYuan: number }[]>(`/api/funding?estateId=${estate!.id}`)).body;
    expect(listed.filter((f) => f.source === 'residents').map((f) => [f.date, f.receivedYuan])).toEqual([
      ['2026-03-01', 0],
      ['2026-06-01', 200_000],
    ]);
  });

  it('exports the filtered view as GeoJSON and CSV with each estate’s stage, and the period report as XLSX', async () => {
    const query = 'asOf=2026-06-30&stage=construction,completed';
    const answer = (await server.get<DashboardAnswer>(`/api/dashboard?${query}`)).body;
    const kept = answer.estates.filter((e) => e.matched);
    expect(kept.length).toBeGreaterThan(0);
    const geojson = await server.raw(`/api/reports/view?format=geojson&${query}`);
    expect(geojson.status).toBe(200);
    const collection = JSON.parse(geojson.text) as {
      features: { id: number; geometry: { type: string }; properties: { stage: string } }[];
    };
    expect(collection.features.map((f) => [f.id, f.properties.stage]).sort()).toEqual(kept.map((e) => [e.estateId, e.stage]).sort());
    expect(collection.features.every((f) => f.geometry.type === 'MultiPolygon')).toBe(true);
    const csv = await server.raw(`/api/reports/view?format=csv&${query}`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(kept.length + 1);
    const xlsx = await server.raw(`/api/reports/period?${query}`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect((await server.get(`/api/reports/view?format=pdf`)).status).toBe(400);
  });

  it('lets a leader read the dashboard but not record progress', async () => {
    const leader = await server.as('leader');
    expect((await leader.get('/api/dashboard')).status).toBe(200);
    const [estate] = await freshEstates(copy.db, 1);
    expect(
      (await leader.request('POST', '/api/progress', { estateId: estate!.id, date: '2026-05-01', stage: 'reserve', progressPct: 0 }))
        .status,
    ).toBe(403);
  });

  it('sends a change recorded on one app instance to the event stream of another, through LISTEN/NOTIFY', async () => {
    // A second instance with its own connections (on the server back-end: its own pool and LISTEN connection).
    const otherDb = copy.url ? await openDb({ databaseUrl: copy.url, pgliteDataDir: '' }) : copy.db;
    const other = await startTestServer({ db: otherDb, as: 'leader' });
    try {
      const stream = await openChangeStream(other.url, other.headers);
      expect(stream.contentType).toContain('text/event-stream');
      const [estate] = await freshEstates(copy.db, 1);
      expect(
        (await server.request('POST', '/api/progress', { estateId: estate!.id, date: '2026-05-01', stage: 'reserve', progressPct: 0 }))
          .status,
      ).toBe(201);
      const changes = await stream.waitFor(1);
      stream.close();
      expect(changes).toContainEqual(expect.objectContaining({ estateIds: [estate!.id] }));
    } finally {
      await other.close();
      if (otherDb !== copy.db) await otherDb.close();
    }
  }, 30_000);

  // Last: it leaves an administrator's stage list behind (a stage in use cannot be removed again).
  it('lets an administrator rename, add and reorder stages; figures, rules and refusals follow the list', async () => {
    const admin = await server.as('admin');
    const before = await server.get<StageCatalogueRecord>('/api/stages');
    expect(before.status).toBe(200);
    expect(before.body.stages.map((s) => s.id)).toEqual(DEFAULT_STAGE_CATALOGUE.ids);
    expect(before.body.inUse).toContain('construction');
    const tendering = { id: 'tendering', label: { zh: '招标', en: 'Tendering' }, colour: '#442200' };
    const construction = DEFAULT_STAGE_CATALOGUE.rank('construction');
    const withTendering = [...before.body.stages.slice(0, construction), tendering, ...before.body.stages.slice(construction)].map((s) =>
      s.id === 'reserve' ? { ...s, label: { zh: '项目储备', en: 'Project pool' } } : s,
    );

    // A planner may not; refusals change nothing.
    const planner = await server.as('planner');
    expect((await planner.request('PUT', '/api/stages', { stages: withTendering, version: before.body.version })).status).toBe(403);
    const refusals: [unknown[], string][] = [
      [withTendering.filter((s) => s.id !== 'completed'), 'stage_anchor_missing'],
      [withTendering.map((s) => (s.id === 'tendering' ? { ...s, colour: '#da7302' } : s)), 'stage_palette_too_close'],
      [before.body.stages.filter((s) => s.id !== 'design'), 'stage_in_use'],
      [[...withTendering].reverse(), 'stage_anchor_order'],
    ];
    for (const [stages, code] of refusals) {
      const refused = await admin.request<ErrorBody>('PUT', '/api/stages', { stages, version: before.body.version });
      expect([refused.status, refused.body.error.code]).toEqual([422, code]);
    }
    const badShape = await admin.request<ErrorBody>('PUT', '/api/stages', {
      stages: [{ id: 'X y', label: {}, colour: 'red' }],
      version: 1,
    });
    expect(badShape.status).toBe(400);
    expect((await server.get<StageCatalogueRecord>('/api/stages')).body).toEqual(before.body);

    // Saved: the new stage is recordable, sorts between approved and construction, and counts as not started.
    const saved = await admin.request<StageCatalogueRecord>('PUT', '/api/stages', { stages: withTendering, version: before.body.version });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(before.body.version + 1);
    const stale = await admin.request<ErrorBody>('PUT', '/api/stages', { stages: withTendering, version: before.body.version });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'stages_version_conflict']);

    const [estate] = await freshEstates(copy.db, 1);
    const record = (stage: string, date: string) =>
      server.request<ErrorBody>('POST', '/api/progress', { estateId: estate!.id, date, stage, progressPct: 0 });
    expect((await record('approved', '2026-06-01')).status).toBe(201);
    expect((await record('tendering', '2026-06-10')).status).toBe(201);
    const backwards = await record('approved', '2026-06-20');
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.message).toContain('Tendering');
    const unknown = await record('bidding', '2026-06-21');
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'stage_unknown']);

    const asOf = '2026-06-30';
    const answer = (await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}`)).body;
    expect(answer.stages.map((s) => s.id)).toEqual(withTendering.map((s) => s.id));
    expect(answer.stages.find((s) => s.id === 'reserve')?.label.en).toBe('Project pool');
    expect(answer.estates.find((e) => e.estateId === estate!.id)?.stage).toBe('tendering');
    // Per stage, as SQL derives it, in the administrator's order.
    const stages = await sqlStages(copy.db, asOf);
    const estates = await copy.db.query<{ id: number; households: number }>('SELECT id, households FROM estates');
    expect(answer.byStage).toEqual(
      withTendering.map(({ id }) => {
        const members = estates.filter((e) => (stages.get(e.id) ?? 'not_in_programme') === id);
        return { stage: id, estates: members.length, households: members.reduce((sum, e) => sum + e.households, 0) };
      }),
    );
    const started = estates.filter((e) => ['construction', 'completed', 'handed_over'].includes(stages.get(e.id) ?? '')).length;
    expect(answer.started.estates).toBe(started);
    expect((await server.get<ErrorBody>('/api/dashboard?stage=bidding')).status).toBe(422);
    const onlyTendering = await server.get<DashboardAnswer>(`/api/dashboard?asOf=${asOf}&stage=tendering`);
    expect(onlyTendering.body.estates.filter((e) => e.matched).map((e) => e.estateId)).toEqual([estate!.id]);

    // In use now: it cannot be removed.
    const remove = await admin.request<ErrorBody>('PUT', '/api/stages', {
      stages: withTendering.filter((s) => s.id !== 'tendering'),
      version: saved.body.version,
    });
    expect([remove.status, remove.body.error.code, remove.body.error.params?.stage]).toEqual([422, 'stage_in_use', 'tendering']);
  });
});
