import { z } from 'zod';
import { safeTextSchema } from '../../../core/safe-text.js';
import { ZONE_GAP_BOUNDS_M, ZONE_MAX_MEMBERS, ZONE_NAME_MAX_CHARS, ZONE_NOTE_MAX_CHARS } from '../../../core/zones/zone-rules.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { deleteVersionQuery, idParam } from '../../http/query-schemas.js';
import { zoneDetail } from './zone-detail.service.js';
import { suggestZones } from './zone-suggest.service.js';
import { createZone, deleteZone, getZone, listZones, updateZone } from './zones.service.js';

/** Empty or blank text means "none". */
const optionalText = (maxChars: number) =>
  safeTextSchema(maxChars)
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value === null || value === '' ? null : value));

const estateIds = z
  .array(z.number().int().min(1).max(2_147_483_647), { error: 'estateIds must be a list of estate ids' })
  .min(1, 'a zone needs at least one estate')
  .max(ZONE_MAX_MEMBERS, `a zone can hold at most ${ZONE_MAX_MEMBERS} estates`)
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

const zoneFields = {
  name: safeTextSchema(ZONE_NAME_MAX_CHARS, 1),
  estateIds,
  subdistrictCode: optionalText(32),
  note: optionalText(ZONE_NOTE_MAX_CHARS),
  splitReason: optionalText(ZONE_NOTE_MAX_CHARS),
  boundary: z.unknown().optional(),
};

const createBody = z.object(zoneFields).strict();

const patchBody = z
  .object({ version: z.number({ error: 'version (the version you edited) is required' }).int().min(1), ...zoneFields })
  .partial({ name: true, estateIds: true })
  .strict();

const cap = z.number().int().min(1).max(10_000_000).nullable();

const suggestBody = z
  .object({
    gapM: z.number().min(ZONE_GAP_BOUNDS_M.min).max(ZONE_GAP_BOUNDS_M.max),
    maxHouseholds: cap,
    maxEstates: cap,
    sameSubdistrict: z.boolean(),
    eligibleOnly: z.boolean(),
  })
  .partial()
  .strict();

/** /api/zones (docs/API.md → Zones). */
export function zonesRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.get('/zones', 'ledger.read', async (_req, res, ctx) => {
    res.json({ type: 'FeatureCollection', features: await listZones(ctx) });
  });

  routes.get('/zones/:id', 'ledger.read', async (req, res, ctx) => {
    res.json(await getZone(ctx, idParam.parse(req.params).id));
  });

  routes.get('/zones/:id/detail', 'ledger.read', async (req, res, ctx) => {
    res.json(await zoneDetail(ctx, idParam.parse(req.params).id));
  });

  // A read: suggestions are computed, never stored; planners and designers alike may ask.
  routes.post('/zones/suggest', 'ledger.read', async (req, res, ctx) => {
    const body = suggestBody.parse(req.body ?? {});
    const rules = ctx.settings.zoneRules;
    res.json(
      await suggestZones(ctx, {
        gapM: body.gapM ?? rules.gapM,
        maxHouseholds: body.maxHouseholds === undefined ? rules.maxHouseholds : body.maxHouseholds,
        maxEstates: body.maxEstates === undefined ? rules.maxEstates : body.maxEstates,
        sameSubdistrict: body.sameSubdistrict ?? rules.sameSubdistrict,
        eligibleOnly: body.eligibleOnly ?? true,
      }),
    );
  });

  routes.post('/zones', 'zones.write', async (req, res, ctx) => {
    const body = createBody.parse(req.body);
    const zone = await createZone(ctx, {
      name: body.name,
      estateIds: body.estateIds,
      subdistrictCode: body.subdistrictCode ?? null,
      note: body.note ?? null,
      splitReason: body.splitReason ?? null,
      boundary: body.boundary ?? null,
    });
    res.status(201).json(zone);
  });

  routes.patch('/zones/:id', 'zones.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const body = patchBody.parse(req.body);
    res.json(await updateZone(ctx, id, body));
  });

  routes.delete('/zones/:id', 'zones.write', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    const { version } = deleteVersionQuery.parse(req.query);
    await deleteZone(ctx, id, version);
    res.status(204).end();
  });

  return routes;
}
