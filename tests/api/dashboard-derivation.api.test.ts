/**
 * The dashboard derives each estate's state, the over-time series, the period's stage changes and
 * the item and funding totals in SQL (server/features/programme/dashboard.sql.ts). Here, on both
 * back-ends, every one of them is held to core/programme's functions (statesAsOf, progressOverTime,
 * stageChanges, keyCountsOf, itemsByCategory, fundingBySource) run over the whole raw history and
 * the raw item and funding rows: on the demo history (corrections included), on a crafted history
 * whose answer is written out by hand, and on random histories (fast-check, seeded).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardAnswer } from '../../core/contract/index.js';
import { fundingBySource } from '../../core/programme/funding.js';
import { programmeFigures, progressOverTime, type ProgrammeEstate } from '../../core/programme/programme-figures.js';
import { EMPTY_PROGRAMME_FILTER, matchesProgrammeFilter, type ProgrammeFilter } from '../../core/programme/programme-filter.js';
import { stageIn, statesAsOf, type IsoDate } from '../../core/programme/progress-history.js';
import { dayBefore, reportingPeriodOf, stageChanges, type ReportingPeriodKind } from '../../core/programme/reporting-period.js';
import { categoriesOf, itemsByCategory, keyCountsOf } from '../../core/programme/renovation-items.js';
import { DEFAULT_STAGE_CATALOGUE } from '../../core/programme/stages.js';
import type { Db } from '../../server/db/index.js';
import { loadEntries } from '../../server/features/programme/progress.service.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** A date after every entry of the demo and of the histories made here. */
const AFTER_EVERY_ENTRY = '2026-12-31';

interface Query {
  asOf: IsoDate;
  period: ReportingPeriodKind;
  filter: ProgrammeFilter;
}

function queryString({ asOf, period, filter }: Query): string {
  const params = new URLSearchParams({ asOf, period });
  if (filter.stages.length > 0) params.set('stage', filter.stages.join(','));
  if (filter.categories.length > 0) params.set('category', filter.categories.join(','));
  if (filter.subdistrictCodes.length > 0) params.set('subdistrict', filter.subdistrictCodes.join(','));
  return params.toString();
}

/** What the dashboard answered before its derivation moved into SQL: core's functions over every raw row. */
async function reference(db: Db, { asOf, period: kind, filter }: Query) {
  const catalogue = DEFAULT_STAGE_CATALOGUE;
  const [entries, estates, items, funding] = await Promise.all([
    loadEntries(db, null, asOf),
    db.query<Omit<ProgrammeEstate, 'plannedInvestmentYuan'> & { batch: number | null }>(
      `SELECT e.id, e.households, e.floor_area_m2 AS "floorAreaM2", e.buildings, e.subdistrict_code AS "subdistrictCode", pe.year AS "planYear", pe.batch
       FROM estates e LEFT JOIN plan_estates pe ON pe.estate_id = e.id ORDER BY e.id`,
    ),
    db.query<{ estateId: number; itemType: string; quantity: number; costYuan: number }>(
      `SELECT estate_id AS "estateId", item_type AS "itemType", quantity, estimated_cost_yuan AS "costYuan" FROM estate_item_shares WHERE recorded_on <= $1::date`,
      [asOf],
    ),
    db.query<{ estateId: number; source: string; plannedYuan: number; receivedYuan: number }>(
      `SELECT estate_id AS "estateId", source, planned_yuan AS "plannedYuan", received_yuan AS "receivedYuan" FROM estate_funding_shares WHERE recorded_on <= $1::date`,
      [asOf],
    ),
  ]);
  const states = statesAsOf(entries, asOf);
  const period = reportingPeriodOf(asOf, kind);
  const before = statesAsOf(entries, dayBefore(period.from));
  const perEstate = estates.map((e) => {
    const own = items.filter((i) => i.estateId === e.id);
    const categories = categoriesOf(own);
    const stage = stageIn(states, e.id);
    return {
      ...e,
      stage,
      categories,
      plannedInvestmentYuan: own.reduce((sum, i) => sum + i.costYuan, 0),
      matched: matchesProgrammeFilter(filter, { ...e, stage, categories }),
    };
  });
  const matched = perEstate.filter((e) => e.matched);
  const ids = new Set(matched.map((e) => e.id));
  return {
    perEstate,
    states,
    figures: programmeFigures(
      matched,
      states,
      {
        year: Number(asOf.slice(0, 4)),
        estatesToStart: null,
        households: null,
        floorAreaM2: null,
        investmentYuan: null,
        progressPct: null,
        progressByDate: null,
      },
      catalogue,
    ),
    // The chart's dates are the service's choice (monthEnds); what it counts on them is checked.
    overTime: (dates: readonly IsoDate[]) => progressOverTime(matched, entries, dates, catalogue),
    changes: stageChanges([...ids], before, states),
    itemCounts: keyCountsOf(items.filter((i) => ids.has(i.estateId))),
    itemsByCategory: itemsByCategory(items.filter((i) => ids.has(i.estateId))),
    funding: fundingBySource(funding.filter((f) => ids.has(f.estateId))),
    historyFrom: entries[0]?.date ?? null,
  };
}

/** Holds one dashboard answer to the reference, field by field (sums of money to the cent). */
async function expectAsReference(server: TestServer, db: Db, query: Query): Promise<DashboardAnswer> {
  const reply = await server.get<DashboardAnswer>(`/api/dashboard?${queryString(query)}`);
  expect(reply.status, queryString(query)).toBe(200);
  const answer = reply.body;
  const want = await reference(db, query);
  const label = queryString(query);
  expect(
    answer.estates.map((e) => [e.estateId, e.stage, e.progressPct, e.since, e.categories, e.matched]),
    label,
  ).toEqual(
    want.perEstate.map((e) => [
      e.id,
      e.stage,
      want.states.get(e.id)?.progressPct ?? 0,
      want.states.get(e.id)?.since ?? null,
      e.categories,
      e.matched,
    ]),
  );
  expect(answer.byStage, label).toEqual(want.figures.byStage);
  expect(answer.startRate.planned, label).toEqual(want.figures.startRate.planned);
  expect(answer.startRate.started, label).toEqual(want.figures.startRate.started);
  expect(answer.started, label).toEqual(want.figures.started);
  expect(answer.completed, label).toEqual(want.figures.completed);
  expect(answer.bySubdistrict, label).toEqual(want.figures.bySubdistrict);
  expect(answer.investment.doneYuan, label).toBeCloseTo(want.figures.investment.doneYuan, 2);
  expect(answer.investment.plannedYuan, label).toBeCloseTo(want.figures.investment.plannedYuan, 2);
  expect(answer.physicalProgressPct ?? -1, label).toBeCloseTo(want.figures.physicalProgressPct ?? -1, 9);
  expect(answer.overTime, label).toEqual(want.overTime(answer.overTime.map((d) => d.date)));
  expect(
    answer.changes.map(({ estateId, from, to }) => ({ estateId, from, to })),
    label,
  ).toEqual(want.changes);
  expect(answer.historyFrom, label).toBe(want.historyFrom);
  for (const [key, value] of Object.entries(want.itemCounts))
    expect(answer.itemCounts[key as keyof typeof want.itemCounts], `${label} ${key}`).toBeCloseTo(value, 6);
  expect(
    answer.itemsByCategory.map((c) => [c.category, c.items]),
    label,
  ).toEqual(want.itemsByCategory.map((c) => [c.category, c.items]));
  answer.itemsByCategory.forEach((c, i) => expect(c.costYuan, label).toBeCloseTo(want.itemsByCategory[i]!.costYuan, 2));
  answer.funding.forEach((f, i) => {
    expect(f.source, label).toBe(want.funding[i]!.source);
    expect(f.plannedYuan, label).toBeCloseTo(want.funding[i]!.plannedYuan, 2);
    expect(f.receivedYuan, label).toBeCloseTo(want.funding[i]!.receivedYuan, 2);
  });
  return answer;
}

/** Estates without history, to give crafted histories. */
async function estatesWithoutHistory(db: Db, n: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    'SELECT id FROM estates e WHERE NOT EXISTS (SELECT 1 FROM progress_entries p WHERE p.estate_id = e.id) ORDER BY id LIMIT $1',
    [n],
  );
  return rows.map((r) => r.id);
}

interface CraftedEntry {
  estateId: number;
  date: IsoDate;
  stage: string;
  progressPct: number;
  investmentDoneYuan: number | null;
  /** Index of an earlier entry of this list this one corrects. */
  corrects: number | null;
}

/** Inserts entries straight into the table (the history rules are not what is tested here); answers their ids. */
async function insertEntries(db: Db, entries: readonly CraftedEntry[]): Promise<number[]> {
  const ids: number[] = [];
  for (const entry of entries) {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO progress_entries (estate_id, entry_date, stage, progress_pct, investment_done_yuan, corrects, author_name)
       VALUES ($1, $2::date, $3, $4, $5, $6, 'test') RETURNING id`,
      [
        entry.estateId,
        entry.date,
        entry.stage,
        entry.progressPct,
        entry.investmentDoneYuan,
        entry.corrects === null ? null : ids[entry.corrects]!,
      ],
    );
    ids.push(row!.id);
  }
  return ids;
}

describe.each(testBackends())('the dashboard derived in SQL, against core on %s', (backend) => {
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

  it('agrees on the demo history at every month end, each period kind, and under filters', async () => {
    const queries: Query[] = [];
    const [latest] = await copy.db.query<{ date: string }>("SELECT to_char(max(entry_date), 'YYYY-MM-DD') AS date FROM progress_entries");
    expect(latest!.date < AFTER_EVERY_ENTRY).toBe(true);
    for (const asOf of ['2025-06-15', '2025-12-31', '2026-03-16', '2026-06-30', '2026-11-30', AFTER_EVERY_ENTRY])
      for (const period of ['month', 'half_month'] as const) queries.push({ asOf, period, filter: EMPTY_PROGRAMME_FILTER });
    queries.push({ asOf: '2026-06-30', period: 'month', filter: { ...EMPTY_PROGRAMME_FILTER, stages: ['construction', 'completed'] } });
    queries.push({ asOf: '2026-11-30', period: 'month', filter: { ...EMPTY_PROGRAMME_FILTER, categories: ['improvement'] } });
    for (const query of queries) await expectAsReference(server, copy.db, query);
  });

  it('follows a later-dated correction, same-day entries and investment carried forward, as written out here', async () => {
    const [a, b] = await estatesWithoutHistory(copy.db, 2);
    if (a === undefined || b === undefined) throw new Error('the demo city has too few estates without history');
    const ids = await insertEntries(copy.db, [
      { estateId: a, date: '2026-09-01', stage: 'design', progressPct: 0, investmentDoneYuan: 100, corrects: null },
      { estateId: a, date: '2026-09-20', stage: 'construction', progressPct: 10, investmentDoneYuan: null, corrects: null },
      // Corrects the construction entry, but only from 2026-10-05 on the calendar: it still replaces it on every date.
      { estateId: a, date: '2026-10-05', stage: 'design', progressPct: 0, investmentDoneYuan: 250, corrects: 1 },
      { estateId: b, date: '2026-09-10', stage: 'construction', progressPct: 20, investmentDoneYuan: 400, corrects: null },
      { estateId: b, date: '2026-09-10', stage: 'completed', progressPct: 100, investmentDoneYuan: null, corrects: null },
    ]);
    expect(ids).toHaveLength(5);
    const on = async (asOf: IsoDate) => {
      const answer = await expectAsReference(server, copy.db, { asOf, period: 'month', filter: EMPTY_PROGRAMME_FILTER });
      return (id: number) => answer.estates.find((e) => e.estateId === id);
    };
    const late = await on('2026-09-30');
    // The construction entry of a was replaced, so on 2026-09-30 a is still in design, since 09-01.
    expect(late(a)).toMatchObject({ stage: 'design', since: '2026-09-01', progressPct: 0 });
    // Two entries on one day: the later recorded wins.
    expect(late(b)).toMatchObject({ stage: 'completed', since: '2026-09-10', progressPct: 100 });
    const october = await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-10-31&period=month');
    expect(october.body.changes.filter((c) => c.estateId === a || c.estateId === b)).toEqual([]);
    const september = await server.get<DashboardAnswer>('/api/dashboard?asOf=2026-09-30&period=month');
    expect(
      september.body.changes.filter((c) => c.estateId === a || c.estateId === b).map(({ estateId, from, to }) => [estateId, from, to]),
    ).toEqual([
      [a, 'not_in_programme', 'design'],
      [b, 'not_in_programme', 'completed'],
    ]);
    await on('2026-10-31');
    await on(AFTER_EVERY_ENTRY);
  });

  it('agrees on random histories with corrections and same-day entries (fast-check)', async () => {
    const estates = await estatesWithoutHistory(copy.db, 3);
    expect(estates).toHaveLength(3);
    // Each run starts these estates' history afresh; entries are append-only, so this copy lets them go.
    await copy.db.query('ALTER TABLE progress_entries DISABLE TRIGGER progress_entries_append_only');
    const stages = DEFAULT_STAGE_CATALOGUE.ids;
    const day = (n: number) => new Date(Date.UTC(2026, 6, 1 + n)).toISOString().slice(0, 10);
    const entry = fc.record({
      estate: fc.integer({ min: 0, max: 2 }),
      day: fc.integer({ min: 0, max: 90 }),
      stage: fc.integer({ min: 0, max: stages.length - 1 }),
      progressPct: fc.integer({ min: 0, max: 100 }),
      investment: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      corrects: fc.option(fc.nat(), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 100 }), async (drawn, asOfDay) => {
        await copy.db.query('DELETE FROM progress_entries WHERE estate_id = ANY ($1::int[])', [estates]);
        await copy.db.query('DELETE FROM estate_current_state WHERE estate_id = ANY ($1::int[])', [estates]);
        // A correction names an earlier entry of the same estate, and no entry is corrected twice.
        const corrected = new Set<number>();
        const crafted = drawn.map((d, i): CraftedEntry => {
          const estateId = estates[d.estate]!;
          const earlier = drawn.map((e, j) => ({ e, j })).filter(({ e, j }) => j < i && e.estate === d.estate && !corrected.has(j));
          const target = d.corrects === null || earlier.length === 0 ? null : earlier[d.corrects % earlier.length]!.j;
          if (target !== null) corrected.add(target);
          return {
            estateId,
            date: day(d.day),
            stage: stages[d.stage]!,
            progressPct: d.progressPct,
            investmentDoneYuan: d.investment,
            corrects: target,
          };
        });
        await insertEntries(copy.db, crafted);
        const period = asOfDay % 2 === 0 ? 'month' : 'half_month';
        await expectAsReference(server, copy.db, { asOf: day(asOfDay), period, filter: EMPTY_PROGRAMME_FILTER });
        // After every entry: each estate's kept state (migration 016) is its state.
        await expectAsReference(server, copy.db, { asOf: AFTER_EVERY_ENTRY, period, filter: EMPTY_PROGRAMME_FILTER });
      }),
      { numRuns: 15, seed: 11 },
    );
  }, 120_000);
});
