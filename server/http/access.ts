/**
 * Every API route declares who may call it, and this is the only way to add one: `declareRoutes`
 * puts a guard in front of each handler that checks the session cookie, the role's permission and,
 * for state-changing methods, the CSRF token — then hands the handler a ServiceContext that knows
 * the acting user. `listRoutes` reads the guards back from Express's own router, so a route added
 * any other way shows up without an access and fails the permission-matrix test.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import { roleMeets, type Access, type Permission } from '../../core/access.js';
import { CLIENT_ID_HEADER, CLIENT_ID_PATTERN } from '../../core/contract/index.js';
import type { ServiceContext } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../domain-errors.js';
import { findSession, verifyCredentials, type ActiveSession } from '../features/auth/auth.service.js';
import { actorOfToken } from '../features/tokens/tokens.service.js';

export const SESSION_COOKIE = 'atlas_session';
export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ACCESS = Symbol.for('renewal-atlas.route-access');
type Guard = RequestHandler & { [ACCESS]: Access };

export type RouteHandler = (req: Request, res: Response, ctx: ServiceContext) => unknown;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type DeclaredRoutes = Record<Method, (path: string, access: Access, handler: RouteHandler) => void> & {
  /** The Express router to mount. */
  router: Router;
};

/** The cookie's session token, or null. */
export function sessionToken(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const token = parseCookies(header)[SESSION_COOKIE];
  return token && /^[\w-]{20,100}$/.test(token) ? token : null;
}

/** The request id the request log gave this request (pino-http sets `req.id`), else the client's header. */
function requestIdOf(req: Request): string | null {
  const id: unknown = (req as Request & { id?: unknown }).id;
  if (typeof id === 'string' || typeof id === 'number') return String(id);
  return null;
}

function csrfMatches(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** Verified HTTP Basic credentials, by a hash of the header, for a minute: a GIS pages through many requests. */
const basicCache = new Map<string, { session: ActiveSession; until: number }>();
const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_MAX = 1_000;

/**
 * `Authorization: Basic` of desktop GIS (GDAL_HTTP_AUTH=BASIC): the account, under the sign-in
 * lockout. Its session has no CSRF token, so it can only read.
 */
async function basicSession(base: ServiceContext, req: Request): Promise<ActiveSession | null> {
  const header = req.get('Authorization');
  if (!header?.startsWith('Basic ')) return null;
  const key = createHash('sha256').update(header).digest('hex');
  const now = Date.now();
  const cached = basicCache.get(key);
  if (cached && cached.until > now) return cached.session;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new UnauthenticatedError('invalid_credentials');
  const actor = await verifyCredentials(base, {
    username: decoded.slice(0, colon).slice(0, 100),
    password: decoded.slice(colon + 1).slice(0, 1000),
    address: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  });
  const session: ActiveSession = { actor, csrfToken: '', expiresAt: new Date(now + BASIC_CACHE_MS) };
  if (basicCache.size >= BASIC_CACHE_MAX) basicCache.clear();
  basicCache.set(key, { session, until: now + BASIC_CACHE_MS });
  return session;
}

/** `Authorization: Bearer <personal API token>`: the token's user, read-only (no CSRF token). */
async function bearerSession(base: ServiceContext, req: Request): Promise<ActiveSession | null> {
  const header = req.get('Authorization');
  if (!header?.startsWith('Bearer ')) return null;
  const actor = await actorOfToken(base, header.slice(7).trim().slice(0, 200));
  return { actor, csrfToken: '', expiresAt: new Date(Date.now() + 60_000) };
}

/** The session of this request (its cookie, else HTTP Basic credentials or an API token), looked up once per request. */
async function sessionOf(base: ServiceContext, req: Request, res: Response): Promise<ActiveSession | null> {
  const cached = res.locals.session as ActiveSession | null | undefined;
  if (cached !== undefined) return cached;
  const token = sessionToken(req);
  const session = token === null ? ((await basicSession(base, req)) ?? (await bearerSession(base, req))) : await findSession(base, token);
  res.locals.session = session;
  return session;
}

/** 401 without a session, 403 without the CSRF token on a write, 403 when the role lacks the permission. */
export async function authorise(base: ServiceContext, access: Access, req: Request, res: Response): Promise<ServiceContext> {
  const requestId = requestIdOf(req);
  const sentClientId = req.get(CLIENT_ID_HEADER);
  const clientId = sentClientId !== undefined && CLIENT_ID_PATTERN.test(sentClientId) ? sentClientId : null;
  if (access === 'public') return { ...base, requestId, clientId };
  const session = await sessionOf(base, req, res);
  if (!session) throw new UnauthenticatedError();
  if (!SAFE_METHODS.has(req.method) && !csrfMatches(req.get(CSRF_HEADER), session.csrfToken)) {
    throw new ForbiddenError('csrf_failed', {});
  }
  if (!roleMeets(session.actor.role, access)) {
    throw new ForbiddenError('forbidden', { role: session.actor.role, permission: access satisfies Permission | 'signed_in' });
  }
  return { ...base, actor: session.actor, requestId, clientId };
}

function guard(base: ServiceContext, access: Access): Guard {
  const check: RequestHandler = async (req, res, next) => {
    res.locals.ctx = await authorise(base, access, req, res);
    next();
  };
  return Object.assign(check, { [ACCESS]: access });
}

/** A router whose every route states its access: `routes.get('/estates', 'ledger.read', handler)`. */
export function declareRoutes(base: ServiceContext): DeclaredRoutes {
  const router = Router();
  const add =
    (method: Method) =>
    (path: string, access: Access, handler: RouteHandler): void => {
      router[method](path, guard(base, access), async (req, res) => {
        await handler(req, res, res.locals.ctx as ServiceContext);
      });
    };
  return { router, get: add('get'), post: add('post'), put: add('put'), patch: add('patch'), delete: add('delete') };
}

/** Sets the session cookie: httpOnly, SameSite=Lax, ending with the session's absolute expiry. */
export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', expires: expiresAt, secure }),
  );
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append(
    'Set-Cookie',
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(0), secure }),
  );
}

export interface RouteEntry {
  method: string;
  /** Express path pattern with its mount prefix, e.g. /api/estates/:id. */
  path: string;
  /** What the route declared; undefined when it was added without `declareRoutes`. */
  access: Access | undefined;
}

interface LayerLike {
  handle?: unknown;
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean>; stack: LayerLike[] };
}

function stackOf(handle: unknown): LayerLike[] | null {
  const stack: unknown = typeof handle === 'function' ? (handle as { stack?: unknown }).stack : undefined;
  return Array.isArray(stack) ? (stack as LayerLike[]) : null;
}

function accessOf(route: NonNullable<LayerLike['route']>): Access | undefined {
  for (const layer of route.stack) {
    const handle = layer.handle as Partial<Guard> | undefined;
    if (typeof handle === 'function' && handle[ACCESS] !== undefined) return handle[ACCESS];
  }
  return undefined;
}

/** Every route registered on the app's router, walking mounted routers, with what each declared. */
export function listRoutes(app: Express): RouteEntry[] {
  // Express 5 exposes its root router as `app.router`; the types do not declare it.
  const appRouter = (app as unknown as { router: { stack: unknown[] } }).router;
  const entries: RouteEntry[] = [];
  const walk = (stack: LayerLike[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') continue;
          entries.push({ method: method.toUpperCase(), path: prefix + String(layer.route.path), access: accessOf(layer.route) });
        }
        continue;
      }
      const nested = stackOf(layer.handle);
      if (nested) walk(nested, prefix + (typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''));
    }
  };
  walk(appRouter.stack as LayerLike[], '');
  return entries;
}
