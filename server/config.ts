import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_ESTATE_AREA_BOUNDS, type EstateAreaBounds } from '../core/geometry/estate-area.js';

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
  })
  .refine((e) => e.ESTATE_MIN_AREA_M2 < e.ESTATE_MAX_AREA_M2, {
    path: ['ESTATE_MAX_AREA_M2'],
    message: 'must be greater than ESTATE_MIN_AREA_M2',
  });

export interface AppConfig {
  port: number;
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  seedDemo: boolean;
  basemap: { styleUrl: string | null; tiandituKey: string | null };
  eligibilityCutoffYear: number;
  estateAreaBounds: EstateAreaBounds;
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
    pgliteDataDir: e.PGLITE_DATA_DIR ?? `${PROJECT_ROOT}.data/pglite`,
    seedDemo: e.SEED_DEMO === 'true',
    basemap: { styleUrl: e.BASEMAP_STYLE_URL ?? null, tiandituKey: e.TIANDITU_TK ?? null },
    eligibilityCutoffYear: e.ELIGIBILITY_CUTOFF_YEAR,
    estateAreaBounds: { minM2: e.ESTATE_MIN_AREA_M2, maxM2: e.ESTATE_MAX_AREA_M2 },
  };
}
