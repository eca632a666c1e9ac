import { Router } from 'express';
import { z } from 'zod';
import { IMPORT_FORMATS } from '../../../core/contract/index.js';
import { SOURCE_CRS } from '../../../core/io/source-crs.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
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
export function importsRouter(ctx: ServiceContext): Router {
  const router = Router();

  router.post('/imports/validate', async (req, res) => {
    noQuery.parse(req.query);
    const body = validateBody.parse(req.body);
    res.json({ rows: await validateImport(ctx, body.features) });
  });

  router.post('/imports', async (req, res) => {
    noQuery.parse(req.query);
    const body = commitBody.parse(req.body);
    const result = await commitImport(ctx, body.layer, body.features, { allowOverlap: body.allowOverlap === true });
    res.status(201).json(result);
  });

  router.get('/import-layers', async (req, res) => {
    noQuery.parse(req.query);
    res.json(await listImportLayers(ctx));
  });

  return router;
}
