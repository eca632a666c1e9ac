/**
 * Dashboard answers shared by the leaders who ask at once. Many leaders open the dashboard for the
 * same day and filter; at 200 000 estates one answer takes seconds and six statements, and fifty
 * of them computed side by side held every pooled connection past its timeout (503s). Here one
 * question is computed once and every request for it waits on that one; an answer is kept under the
 * data version (migrations 013 and 018), which every committed change to what it reads moves, on
 * this instance or any other, so a kept answer is never served after its data changed. At most
 * DASHBOARD_COMPUTATIONS different questions are computed at once; others wait here, not in the pool.
 */
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import type { DashboardAnswer } from '../../../core/contract/index.js';
import { estateIdListing, type EstateIdListing } from '../../../core/estate-id-listing.js';
import { hasProgrammeFilter } from '../../../core/programme/programme-filter.js';
import type { ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { tileDataVersion } from '../tiles/tiles.service.js';
import { dashboard, type DashboardQuery } from './dashboard.service.js';

/** Different questions computed at once (each runs its statements side by side on the pool). */
const DASHBOARD_COMPUTATIONS = 2;
/** Estates' rows kept over all answers: about three answers for a city of 200 000 estates. */
const MAX_KEPT_ESTATE_ROWS = 600_000;

/** A kept answer, and its JSON once written (a city-wide answer is 30 MiB at 200 000 estates: written once, not per leader). */
interface KeptAnswer {
  answer: DashboardAnswer;
  json?: string;
  /** The estates the filter keeps or fades (a cut answer's `matchedEstates`), once listed. */
  matched?: EstateIdListing;
}

export class DashboardCache {
  readonly #computing = pLimit(DASHBOARD_COMPUTATIONS);
  readonly #answers = new LRUCache<string, KeptAnswer, { ctx: ServiceContext<Queryable>; question: DashboardQuery }>({
    maxSize: MAX_KEPT_ESTATE_ROWS,
    sizeCalculation: (kept) => kept.answer.estates.length + 1,
    fetchMethod: async (_key, _stale, { context }) => ({ answer: await this.#computing(() => dashboard(context.ctx, context.question)) }),
  });

  /**
   * The dashboard for `question` as JSON, its estates list cut to `estateIds` when given (a tiled
   * map holds few of 200 000; the figures stay those of every estate).
   */
  async json(ctx: ServiceContext<Queryable>, question: DashboardQuery, estateIds: readonly number[] | null): Promise<string> {
    const version = await tileDataVersion(ctx.db);
    const kept = await this.#answers.fetch(JSON.stringify([version, question]), { context: { ctx, question } });
    if (!kept) throw new Error('the dashboard cache answered nothing');
    if (estateIds == null) return (kept.json ??= JSON.stringify(kept.answer));
    const listed = new Set(estateIds);
    const estates = kept.answer.estates.filter((e) => listed.has(e.estateId));
    if (!hasProgrammeFilter(question.filter)) return JSON.stringify({ ...kept.answer, estates });
    kept.matched ??= estateIdListing(kept.answer.estates);
    return JSON.stringify({ ...kept.answer, estates, matchedEstates: kept.matched });
  }
}
