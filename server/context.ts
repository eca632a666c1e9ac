/**
 * What every service receives: the database and the settings, in one object, so a new concern
 * (later: the acting user) is added here instead of threaded through every signature.
 */
import { DEFAULT_ESTATE_AREA_BOUNDS, type EstateAreaBounds } from '../core/geometry/estate-area.js';
import type { AppConfig } from './config.js';
import type { Db, Queryable } from './db/index.js';

/** Settings the services read (a subset of AppConfig, so tests can build one without the environment). */
export interface Settings {
  /** Estates built in or before this year are eligible (国办发〔2020〕23号: 2000). */
  eligibilityCutoffYear: number;
  /** An estate's land area must lie within these (ESTATE_MIN_AREA_M2, ESTATE_MAX_AREA_M2). */
  estateAreaBounds: EstateAreaBounds;
}

export interface ServiceContext<D extends Queryable = Db> {
  db: D;
  settings: Settings;
  /** Today's date, for rules such as "not built after this year"; a function so tests can pin it. */
  now(): Date;
}

/** The context of a running app. */
export function serviceContext(
  db: Db,
  config: Pick<AppConfig, 'eligibilityCutoffYear'> & Partial<Pick<AppConfig, 'estateAreaBounds'>>,
  now: () => Date = () => new Date(),
): ServiceContext {
  const estateAreaBounds = config.estateAreaBounds ?? DEFAULT_ESTATE_AREA_BOUNDS;
  return { db, settings: { eligibilityCutoffYear: config.eligibilityCutoffYear, estateAreaBounds }, now };
}

/** The same context over another executor, e.g. the transaction a write runs in. */
export function withDb<D extends Queryable>(ctx: ServiceContext<Queryable>, db: D): ServiceContext<D> {
  return { ...ctx, db };
}
