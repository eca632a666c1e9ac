import { z } from 'zod';
import { ROLES } from '../../../core/access.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type SignInOptions } from '../../../core/contract/index.js';
import { safeTextSchema } from '../../../core/safe-text.js';
import type { ServiceContext } from '../../context.js';
import { DEMO_ACCOUNTS } from '../../seed/demo-accounts.js';
import { clearSessionCookie, declareRoutes, sessionToken, setSessionCookie, type DeclaredRoutes } from '../../http/access.js';
import { changeOwnPassword } from '../users/users.service.js';
import { describeSession, signIn, signOut, type ActiveSession } from './auth.service.js';

const loginBody = z
  .object({
    // Looked up in the database: a NUL would make PostgreSQL throw.
    username: safeTextSchema(64, 1),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict();

export const newPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

const passwordBody = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword }).strict();

/** POST /api/auth/login, GET /api/auth/options, GET /api/auth/session, POST /api/auth/logout, POST /api/auth/password. */
export function authRoutes(base: ServiceContext): DeclaredRoutes {
  const routes = declareRoutes(base);
  const secure = base.settings.auth.cookieSecure;

  routes.post('/auth/login', 'public', async (req, res, ctx) => {
    const body = loginBody.parse(req.body);
    const session = await signIn(ctx, {
      ...body,
      address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      userAgent: req.get('user-agent') ?? null,
    });
    setSessionCookie(res, session.token, new Date(session.info.expiresAt), secure);
    res.json(session.info);
  });

  // Public: the sign-in page lists the demo accounts only while they can sign in (DEMO=1); their passwords are public anyway.
  routes.get('/auth/options', 'public', (_req, res, ctx) => {
    const demoAccounts = ctx.settings.auth.demoAccounts
      ? ROLES.map((role) => ({ role, username: DEMO_ACCOUNTS[role].username, password: DEMO_ACCOUNTS[role].password }))
      : [];
    res.json({ demoAccounts } satisfies SignInOptions);
  });

  routes.get('/auth/session', 'signed_in', (_req, res, ctx) => {
    res.json(describeSession(ctx, res.locals.session as ActiveSession));
  });

  routes.post('/auth/logout', 'signed_in', async (req, res, ctx) => {
    const token = sessionToken(req);
    if (token !== null) await signOut(ctx.db, token);
    clearSessionCookie(res, secure);
    res.status(204).end();
  });

  routes.post('/auth/password', 'signed_in', async (req, res, ctx) => {
    const body = passwordBody.parse(req.body);
    await changeOwnPassword(ctx, body.currentPassword, body.newPassword);
    clearSessionCookie(res, secure);
    res.status(204).end();
  });

  return routes;
}
