import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { DEFAULT_ESTATE_AREA_BOUNDS, type EstateAreaBounds } from '../core/geometry/estate-area.js';
import { DEFAULT_SUBSIDY_SPLIT, parseSubsidySplit, type SubsidySplit } from '../core/programme/funding.js';
import { REPORTING_PERIODS, type ReportingPeriodKind } from '../core/programme/reporting-period.js';
import { DEFAULT_ZONE_RULES, ZONE_GAP_BOUNDS_M, type ZoneRules } from '../core/zones/zone-rules.js';

/** An optional positive cap: unset or empty means no cap. */
const optionalCap = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : Number(value)))
  .refine((value) => value === null || (Number.isInteger(value) && value >= 1), 'must be a whole number ≥ 1, or empty for no cap');

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Every setting the server reads, with its default. Documented in README.md → Configuration. */
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** A PostGIS server, e.g. postgres://postgres@127.0.0.1:5432/atlas. Unset → embedded PGlite. */
    DATABASE_URL: optionalText,
    /** A streaming replica of DATABASE_URL for read-only queries (tiles, lists, dashboard, coverage). */
    DATABASE_READ_URL: optionalText,
    /** Folder of the embedded database. */
    PGLITE_DATA_DIR: optionalText,
    /** Load the demo city into an empty, never-seeded database on start. */
    SEED_DEMO: z.enum(['true', 'false']).default('true'),
    /** Any MapLibre style URL to draw under the project layers (needs network). */
    BASEMAP_STYLE_URL: optionalText,
    /** Tianditu (天地图) key; when set and no style URL is given, Tianditu vector tiles are the basemap. */
    TIANDITU_TK: optionalText,
    /** Estates built in or before this year are eligible (国办发〔2020〕23号: 2000). */
    ELIGIBILITY_CUTOFF_YEAR: z.coerce.number().int().min(1900).max(2100).default(2000),
    /** Smaller estates (m², on the spheroid) are refused as slivers. */
    ESTATE_MIN_AREA_M2: z.coerce.number().finite().min(0).default(DEFAULT_ESTATE_AREA_BOUNDS.minM2),
    /** Larger estates (m²) are refused as coordinate errors. */
    ESTATE_MAX_AREA_M2: z.coerce.number().finite().positive().default(DEFAULT_ESTATE_AREA_BOUNDS.maxM2),
    /** The administrator's password on first start; when unset a generated one is printed once. */
    ADMIN_PASSWORD: optionalText,
    /** 0 refuses the demo city's accounts (README → Demo accounts); they are for trying the app only. */
    DEMO: z.enum(['0', '1']).default('1'),
    /** A session ends after this many minutes without a request… */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(120),
    /** …and this many hours after sign-in, whatever happens. */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** Mark the session cookie Secure (set when the app is served over HTTPS). */
    COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
    /** Express "trust proxy" setting behind a load balancer (e.g. 1 or loopback), so sign-in limits see the client's address. */
    TRUST_PROXY: optionalText,
    /** Address to listen on; 0.0.0.0 serves the whole network. Loopback by default, so nothing is exposed by accident. */
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** pino level of the server log; tests use 'warn' or 'silent'. */
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Send Strict-Transport-Security: only when the app is served over HTTPS (often it is plain HTTP on an intranet). */
    HSTS: z.enum(['true', 'false']).default('false'),
    /** Estates within this many metres are neighbours that may share a zone (design.md §7). */
    ZONE_GAP_M: z.coerce.number().finite().min(ZONE_GAP_BOUNDS_M.min).max(ZONE_GAP_BOUNDS_M.max).default(DEFAULT_ZONE_RULES.gapM),
    /** Most households in one zone (empty: no cap). */
    ZONE_MAX_HOUSEHOLDS: optionalCap,
    /** Most estates in one zone (empty: no cap). */
    ZONE_MAX_ESTATES: optionalCap,
    /** Keep every zone within one sub-district. */
    // City : district parts of the local renovation subsidy (seed 000: 7 : 3).
    SUBSIDY_SPLIT: z
      .string()
      .default('7:3')
      .refine((text) => parseSubsidySplit(text) !== null, 'write the split as city:district, e.g. 7:3'),
    // How often progress is reported (seed 001: every half month).
    REPORTING_PERIOD: z.enum(REPORTING_PERIODS).default('half_month'),
    ZONE_SAME_SUBDISTRICT: z.enum(['true', 'false']).default(DEFAULT_ZONE_RULES.sameSubdistrict ? 'true' : 'false'),
    /** From this many estates on the map draws them from vector tiles instead of one GeoJSON download (0: always tiles). */
    MAP_TILES_FROM_ESTATES: z.coerce.number().int().min(0).default(20000),
  })
  .refine((e) => e.DATABASE_READ_URL === undefined || e.DATABASE_URL !== undefined, {
    path: ['DATABASE_READ_URL'],
    message: 'needs DATABASE_URL: a replica serves reads of a PostGIS server, not of the embedded database',
  })
  .refine((e) => e.ESTATE_MIN_AREA_M2 < e.ESTATE_MAX_AREA_M2, {
    path: ['ESTATE_MAX_AREA_M2'],
    message: 'must be greater than ESTATE_MIN_AREA_M2',
  });

export interface AppConfig {
  port: number;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  pgliteDataDir: string;
  seedDemo: boolean;
  basemap: { styleUrl: string | null; tiandituKey: string | null };
  eligibilityCutoffYear: number;
  auth: AuthSettings;
  adminPassword: string | undefined;
  trustProxy: string | undefined;
  host: string;
  logLevel: LogLevel;
  hsts: boolean;
  estateAreaBounds: EstateAreaBounds;
  zoneRules: ZoneRules;
  programme: ProgrammeSettings;
  /** MAP_TILES_FROM_ESTATES */
  mapTilesFromEstates: number;
}

/** The programme's policy choices (SUBSIDY_SPLIT, REPORTING_PERIOD). */
export interface ProgrammeSettings {
  subsidySplit: SubsidySplit;
  reportingPeriod: ReportingPeriodKind;
}

export const DEFAULT_PROGRAMME_SETTINGS: ProgrammeSettings = { subsidySplit: DEFAULT_SUBSIDY_SPLIT, reportingPeriod: 'half_month' };

/** Sessions and demo accounts, as the auth services read them. */
export interface AuthSettings {
  demoAccounts: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: boolean;
}

/** Reads the configuration from environment variables; throws a readable error on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration — ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    pgliteDataDir: e.PGLITE_DATA_DIR ?? `${PROJECT_ROOT}.data/pglite`,
    seedDemo: e.SEED_DEMO === 'true',
    basemap: { styleUrl: e.BASEMAP_STYLE_URL ?? null, tiandituKey: e.TIANDITU_TK ?? null },
    eligibilityCutoffYear: e.ELIGIBILITY_CUTOFF_YEAR,
    auth: {
      demoAccounts: e.DEMO === '1',
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionMaxHours: e.SESSION_MAX_HOURS,
      cookieSecure: e.COOKIE_SECURE === 'true',
    },
    adminPassword: e.ADMIN_PASSWORD,
    trustProxy: e.TRUST_PROXY,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    hsts: e.HSTS === 'true',
    estateAreaBounds: { minM2: e.ESTATE_MIN_AREA_M2, maxM2: e.ESTATE_MAX_AREA_M2 },
    zoneRules: {
      gapM: e.ZONE_GAP_M,
      maxHouseholds: e.ZONE_MAX_HOUSEHOLDS,
      maxEstates: e.ZONE_MAX_ESTATES,
      sameSubdistrict: e.ZONE_SAME_SUBDISTRICT === 'true',
    },
    programme: { subsidySplit: parseSubsidySplit(e.SUBSIDY_SPLIT) ?? DEFAULT_SUBSIDY_SPLIT, reportingPeriod: e.REPORTING_PERIOD },
    mapTilesFromEstates: e.MAP_TILES_FROM_ESTATES,
  };
}
