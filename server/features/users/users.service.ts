/**
 * Accounts: administrators create users, change roles, disable and re-enable them and reset
 * passwords; everyone may change their own password. Each change is audited (never the hash) in
 * the transaction that makes it, and ends the user's sessions when it narrows what they may do.
 */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../../core/access.js';
import type { UserRecord } from '../../../core/contract/index.js';
import type { ServiceContext } from '../../context.js';
import { withDb } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { ConflictError, InvalidError, NotFoundError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { endSessionsOf } from '../auth/auth.service.js';
import { hashPassword, passwordMatches } from '../auth/passwords.js';

const USER_COLUMNS = `id, username, role, disabled, is_demo AS "isDemo", created_at AS "createdAt", last_sign_in_at AS "lastSignInAt"`;

interface UserRow extends Omit<UserRecord, 'createdAt' | 'lastSignInAt'> {
  createdAt: Date | string;
  lastSignInAt: Date | string | null;
}

function toUser(row: UserRow): UserRecord {
  return {
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    lastSignInAt: row.lastSignInAt === null ? null : new Date(row.lastSignInAt).toISOString(),
  };
}

/** What the trail keeps of a user: everything but the password hash. */
function auditView(user: UserRecord): Omit<UserRecord, 'lastSignInAt'> {
  const { lastSignInAt: _ignored, ...rest } = user;
  return rest;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  return (await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY username`)).map(toUser);
}

async function lockUser(db: Queryable, id: number): Promise<UserRecord> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new NotFoundError(`user ${id}`);
  return toUser(row);
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
}

/** POST /api/users (409 when the username is taken). */
export async function createUser(ctx: ServiceContext, input: NewUser): Promise<UserRecord> {
  const username = input.username.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    // Serialise creates of one name so two concurrent requests get one 201 and one 409, not a unique violation.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`user:${username}`]);
    const [taken] = await tx.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [username]);
    if (taken) throw new ConflictError('username_taken', { username });
    const [row] = await tx.query<UserRow>(
      `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) RETURNING ${USER_COLUMNS}`,
      [username, passwordHash, input.role],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    const user = toUser(row);
    await recordAudit(withDb(ctx, tx), { action: 'create', entity: 'user', entityId: user.id, before: null, after: auditView(user) });
    return user;
  });
}

export interface UserChange {
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/** Refuses a change that would leave no enabled administrator. */
async function assertAdminRemains(tx: Queryable, user: UserRecord, change: UserChange): Promise<void> {
  const staysAdmin = (change.role ?? user.role) === 'admin' && !(change.disabled ?? user.disabled);
  if (user.role !== 'admin' || user.disabled || staysAdmin) return;
  // Lock every admin row so two concurrent demotions cannot both see the other as remaining.
  const admins = await tx.query<{ id: number }>(`SELECT id FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1 FOR UPDATE`, [
    user.id,
  ]);
  if (admins.length === 0) throw new ConflictError('last_admin', {});
}

/** PATCH /api/users/:id: role and/or disabled. */
export async function updateUser(ctx: ServiceContext, id: number, change: UserChange): Promise<UserRecord> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['users:admins']);
    const before = await lockUser(tx, id);
    await assertAdminRemains(tx, before, change);
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled) WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, change.role ?? null, change.disabled ?? null],
    );
    if (!row) throw new NotFoundError(`user ${id}`);
    const after = toUser(row);
    if (after.role !== before.role || after.disabled !== before.disabled) {
      await endSessionsOf(tx, id);
      await recordAudit(withDb(ctx, tx), {
        action: 'update',
        entity: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
    }
    return after;
  });
}

async function setPassword(ctx: ServiceContext, id: number, password: string, reason: 'reset' | 'changed'): Promise<void> {
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, id);
    await tx.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [id, passwordHash]);
    await endSessionsOf(tx, id);
    await recordAudit(withDb(ctx, tx), {
      action: 'update',
      entity: 'user',
      entityId: id,
      before: { username: user.username },
      after: { username: user.username, password: reason },
    });
  });
}

/** POST /api/users/:id/password: the administrator sets a new password; the user's sessions end. */
export function resetPassword(ctx: ServiceContext, id: number, password: string): Promise<void> {
  return setPassword(ctx, id, password, 'reset');
}

/** POST /api/auth/password: the signed-in user changes their own, proving the current one. */
export async function changeOwnPassword(ctx: ServiceContext, current: string, next: string): Promise<void> {
  if (!ctx.actor) throw new Error('changeOwnPassword needs a signed-in user');
  const [row] = await ctx.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [ctx.actor.id]);
  if (!row || !(await passwordMatches(row.password_hash, current))) {
    throw new InvalidError([
      {
        field: 'currentPassword',
        code: 'invalid_credentials',
        params: { field: 'currentPassword' },
        message: 'The current password is wrong',
      },
    ]);
  }
  await setPassword(ctx, ctx.actor.id, next, 'changed');
}

/** The administrator's username (issue 7). */
export const ADMIN_USERNAME = 'admin';

/**
 * First start: creates `admin` with ADMIN_PASSWORD, or with a generated password that is logged
 * once. Later starts find it and do nothing, so a password changed in the app stays changed.
 */
export async function ensureAdministrator(
  ctx: ServiceContext,
  password: string | undefined,
  log: (message: string, level?: 'warn') => void,
): Promise<void> {
  const [existing] = await ctx.db.query<{ id: number }>('SELECT id FROM users WHERE username = $1', [ADMIN_USERNAME]);
  if (existing) return;
  const chosen = password ?? randomBytes(12).toString('base64url');
  await createUser(ctx, { username: ADMIN_USERNAME, password: chosen, role: 'admin' });
  if (password === undefined) {
    // warn, so a quieter LOG_LEVEL cannot hide the only copy of the password.
    log(
      `[auth] created the administrator "${ADMIN_USERNAME}" with the password ${chosen} — shown this once; change it after signing in`,
      'warn',
    );
  } else {
    log(`[auth] created the administrator "${ADMIN_USERNAME}" with the password from ADMIN_PASSWORD`);
  }
}
