/** GET, POST /api/tokens and DELETE /api/tokens/:id: a user's own API tokens (docs/API.md → API tokens). */
import { apiTokenInputSchema } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { idParam, noQuery } from '../../http/query-schemas.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

export function tokensRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  routes.get('/tokens', 'signed_in', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listTokens(ctx));
  });
  routes.post('/tokens', 'signed_in', async (req, res, ctx) => {
    res.status(201).json(await createToken(ctx, apiTokenInputSchema.parse(req.body)));
  });
  routes.delete('/tokens/:id', 'signed_in', async (req, res, ctx) => {
    await revokeToken(ctx, idParam.parse(req.params).id);
    res.status(204).end();
  });
  return routes;
}
