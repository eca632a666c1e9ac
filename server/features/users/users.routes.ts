import { z } from 'zod';
import { roleSchema, USERNAME_PATTERN } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import { declareRoutes, type DeclaredRoutes } from '../../http/access.js';
import { idParam, noQuery } from '../../http/query-schemas.js';
import { newPassword } from '../auth/auth.routes.js';
import { createUser, listUsers, resetPassword, updateUser } from './users.service.js';

const createBody = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(USERNAME_PATTERN, 'username: 2–32 characters: lower-case letters, digits, _ . - (starting with a letter or digit)'),
    password: newPassword,
    role: roleSchema,
  })
  .strict();

const patchBody = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((body) => body.role !== undefined || body.disabled !== undefined, 'give role and/or disabled');

const passwordBody = z.object({ password: newPassword }).strict();

/** GET/POST /api/users, PATCH /api/users/:id, POST /api/users/:id/password — administrators only. */
export function usersRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);

  routes.get('/users', 'users.manage', async (req, res, ctx) => {
    noQuery.parse(req.query);
    res.json(await listUsers(ctx.db));
  });

  routes.post('/users', 'users.manage', async (req, res, ctx) => {
    res.status(201).json(await createUser(ctx, createBody.parse(req.body)));
  });

  routes.patch('/users/:id', 'users.manage', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    res.json(await updateUser(ctx, id, patchBody.parse(req.body)));
  });

  routes.post('/users/:id/password', 'users.manage', async (req, res, ctx) => {
    const { id } = idParam.parse(req.params);
    await resetPassword(ctx, id, passwordBody.parse(req.body).password);
    res.status(204).end();
  });

  return routes;
}
