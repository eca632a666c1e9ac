import { z } from 'zod';
import { IMPORT_FORMATS } from '../../../core/contract/index.js';
import { SOURCE_CRS } from '../../../core/io/source-crs.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { noQuery } from '../../http/query-schemas.js';
import { commitImport, listImportLayers, validateImport } from './imports.service.js';

/** More rows than this belong in several files. */
export const MAX_IMPORT_FEATURES = 50_000;

// Rows stay `unknown` here: a bad row is a row problem in the report, not a 400 for the whole file.
const features = z.array(z.unknown()).max(MAX_IMPORT_FEATURES, `at most ${MAX_IMPORT_FEATURES} features per import`);

const validateBody = z.object({ features }).strict();

const commitBody = z
  .object({
    layer: z
      .object({
        // Stored as text: no NUL or lone surrogate (core/safe-text.ts).
        name: safeTextSchema(200, 1),
        fileName: safeTextSchema(500).default(''),
        format: z.enum(IMPORT_FORMATS),
        sourceCrs: z.enum(SOURCE_CRS),
      })
      .strict(),
    features: features.min(1, 'features: nothing to import'),
    allowOverlap: z.boolean().optional(),
  })
  .strict();

/** POST /api/imports/validate, POST /api/imports, GET /api/import-layers (docs/API.md → Writes). */
export function importsRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.post('/imports/validate', 'ledger.write', async (req, res, ctx) => {
    noQuery.parse(req.query);
    const body = validateBody.parse(req.body);
    res.json({ rows: await validateImport(ctx, body.features) });
  });

  routes.post('/imports', 'ledger.write', async (req, res, ctx) => {
    noQuery.parse(req.query);
    const body = commitBody.parse(req.body);
    const result = await commitImport(ctx, body.layer, body.features, { allowOverlap: body.allowOverlap === true });
    res.status(201).json(result);
  });

  routes.get('/import-layers', 'ledger.read', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listImportLayers(ctx));
  });

  return routes;
}
