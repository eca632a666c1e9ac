/**
 * What every service receives: the database, the settings, the acting user and the request, in
 * one object, so a new concern is added here instead of threaded through every signature.
 */
import type { Role } from '../core/access.js';
import { DEFAULT_ESTATE_AREA_BOUNDS, type EstateAreaBounds } from '../core/geometry/estate-area.js';
import { DEFAULT_ZONE_RULES, type ZoneRules } from '../core/zones/zone-rules.js';
import { DEFAULT_PROGRAMME_SETTINGS, type AppConfig, type AuthSettings, type ProgrammeSettings } from './config.js';
import type { Db, Queryable } from './db/index.js';

/** Settings the services read (a subset of AppConfig, so tests can build one without the environment). */
export interface Settings {
  /** Estates built in or before this year are eligible (国办发〔2020〕23号: 2000). */
  eligibilityCutoffYear: number;
  auth: AuthSettings;
  /** An estate's land area must lie within these (ESTATE_MIN_AREA_M2, ESTATE_MAX_AREA_M2). */
  estateAreaBounds: EstateAreaBounds;
  /** Neighbour gap, caps and the sub-district rule of zones (ZONE_* settings). */
  zoneRules: ZoneRules;
  /** The subsidy split and the reporting period. */
  programme: ProgrammeSettings;
}

/** The signed-in user a request acts for; every write is recorded in the audit trail under this name. */
export interface Actor {
  id: number;
  username: string;
  role: Role;
}

export interface ServiceContext<D extends Queryable = Db> {
  db: D;
  settings: Settings;
  /** Today's date, for rules such as "not built after this year"; a function so tests can pin it. */
  now(): Date;
  /** Who acts: set for every request that passed a permission check; null outside requests (seeding, start-up). */
  actor: Actor | null;
  /** The request's id (also in the request log), kept with its audit entries. */
  requestId: string | null;
  /** The browser tab that sent the request (CLIENT_ID_HEADER), named as the origin of the change it announces. */
  clientId: string | null;
}

/** The context of a running app. */
export function serviceContext(
  db: Db,
  config: Pick<AppConfig, 'eligibilityCutoffYear' | 'auth'> & Partial<Pick<AppConfig, 'estateAreaBounds' | 'zoneRules' | 'programme'>>,
  now: () => Date = () => new Date(),
): ServiceContext {
  const estateAreaBounds = config.estateAreaBounds ?? DEFAULT_ESTATE_AREA_BOUNDS;
  return {
    db,
    settings: {
      eligibilityCutoffYear: config.eligibilityCutoffYear,
      auth: config.auth,
      estateAreaBounds,
      zoneRules: config.zoneRules ?? DEFAULT_ZONE_RULES,
      programme: config.programme ?? DEFAULT_PROGRAMME_SETTINGS,
    },
    now,
    actor: null,
    requestId: null,
    clientId: null,
  };
}

/** The same context over another executor, e.g. the transaction a write runs in. */
export function withDb<D extends Queryable>(ctx: ServiceContext<Queryable>, db: D): ServiceContext<D> {
  return { ...ctx, db };
}

/**
 * The context for a request that only reads: its statements go to the streaming replica when one
 * is configured (Db.reader). Never for a read that must see the caller's own write just before.
 */
export function reading(ctx: ServiceContext): ServiceContext<Queryable> {
  return withDb(ctx, ctx.db.reader);
}
