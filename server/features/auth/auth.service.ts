/**
 * Sign-in, sessions and sign-out. A session is a random token in an httpOnly cookie; the database
 * keeps only its SHA-256, with the user, a CSRF token, and the idle and absolute expiry, so any app
 * instance can check it. Sign-in is limited per account and per address (sign-in-limit.ts) and
 * answers the same for an unknown user as for a wrong password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isRole, ROLE_PERMISSIONS } from '../../../core/access.js';
import type { SessionInfo } from '../../../core/contract/index.js';
import type { Actor, ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { UnauthenticatedError } from '../../domain-errors.js';
import { passwordMatches, verifyDecoy } from './passwords.js';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from './sign-in-limit.js';

/** Only refresh last_seen_at when it is this old, so reads do not each write a row. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedInSession {
  /** The cookie value; never stored. */
  token: string;
  info: SessionInfo;
}

/** A session found from its cookie: who, and the CSRF token writes must carry. */
export interface ActiveSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: string;
  disabled: boolean;
  is_demo: boolean;
}

function sessionInfo(ctx: ServiceContext, actor: Actor, csrfToken: string, expiresAt: Date): SessionInfo {
  return {
    user: actor,
    permissions: [...ROLE_PERMISSIONS[actor.role]],
    csrfToken,
    expiresAt: expiresAt.toISOString(),
    idleTimeoutMinutes: ctx.settings.auth.sessionIdleMinutes,
  };
}

/** Whether the account may sign in at all: enabled, a known role, and not a demo account with DEMO=0. */
function usable(ctx: ServiceContext, user: Pick<UserRow, 'disabled' | 'is_demo' | 'role'>): boolean {
  return !user.disabled && isRole(user.role) && (!user.is_demo || ctx.settings.auth.demoAccounts);
}

/**
 * The account of a username and password, under the same lockout as the sign-in form (HTTP Basic
 * credentials of desktop GIS come here too). Wrong password, unknown or disabled user all answer
 * `invalid_credentials`.
 */
export async function verifyCredentials(
  ctx: ServiceContext,
  input: { username: string; password: string; address: string },
): Promise<Pick<UserRow, 'id' | 'username'> & { role: Actor['role'] }> {
  const username = input.username.trim().toLowerCase();
  await assertSignInAllowed(ctx.db, username, input.address);
  const [user] = await ctx.db.query<UserRow>('SELECT id, username, password_hash, role, disabled, is_demo FROM users WHERE username = $1', [
    username,
  ]);
  const matches = user ? await passwordMatches(user.password_hash, input.password) : (await verifyDecoy(input.password), false);
  if (!user || !matches || !usable(ctx, user) || !isRole(user.role)) {
    await recordSignInFailure(ctx.db, username, input.address);
    throw new UnauthenticatedError('invalid_credentials');
  }
  return { id: user.id, username: user.username, role: user.role };
}

/** POST /api/auth/login. Wrong password, unknown or disabled user all answer `invalid_credentials`. */
export async function signIn(
  ctx: ServiceContext,
  input: { username: string; password: string; address: string; userAgent: string | null },
): Promise<SignedInSession> {
  const user = await verifyCredentials(ctx, input);
  const username = user.username;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.settings.auth.sessionMaxHours * 3_600_000);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [tokenHash(token), user.id, csrfToken, now.toISOString(), expiresAt.toISOString(), input.userAgent?.slice(0, 300) ?? null],
    );
    await tx.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [user.id, now.toISOString()]);
    await clearSignInFailures(tx, username);
  });
  const actor: Actor = { id: user.id, username: user.username, role: user.role };
  return { token, info: sessionInfo(ctx, actor, csrfToken, expiresAt) };
}

interface SessionRow {
  user_id: number;
  username: string;
  role: string;
  disabled: boolean;
  is_demo: boolean;
  csrf_token: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
}

/**
 * The session of a cookie token: null when there is none; `session_expired` when it ran out
 * (idle or absolute) or its account can no longer sign in, and then it is deleted.
 */
export async function findSession(ctx: ServiceContext, token: string): Promise<ActiveSession | null> {
  const hash = tokenHash(token);
  const [row] = await ctx.db.query<SessionRow>(
    `SELECT s.user_id, u.username, u.role, u.disabled, u.is_demo, s.csrf_token, s.last_seen_at, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1`,
    [hash],
  );
  if (!row) return null;
  const now = ctx.now().getTime();
  const lastSeenMs = new Date(row.last_seen_at).getTime();
  const expiresAt = new Date(row.expires_at);
  const idleEnd = lastSeenMs + ctx.settings.auth.sessionIdleMinutes * 60_000;
  if (now >= expiresAt.getTime() || now >= idleEnd || !usable(ctx, row) || !isRole(row.role)) {
    await ctx.db.query('DELETE FROM sessions WHERE token_hash = $1', [hash]);
    throw new UnauthenticatedError('session_expired');
  }
  if (now - lastSeenMs > TOUCH_INTERVAL_MS) {
    await ctx.db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [hash, new Date(now).toISOString()]);
  }
  return { actor: { id: row.user_id, username: row.username, role: row.role }, csrfToken: row.csrf_token, expiresAt };
}

/** GET /api/auth/session. */
export function describeSession(ctx: ServiceContext, session: ActiveSession): SessionInfo {
  return sessionInfo(ctx, session.actor, session.csrfToken, session.expiresAt);
}

/** POST /api/auth/logout: the session is gone from every instance at once. */
export async function signOut(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash(token)]);
}

/** Ends every session of a user (disabled, role changed, password reset). */
export async function endSessionsOf(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
