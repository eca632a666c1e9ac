/**
 * Personal API tokens (migration 014): created by their user for desktop GIS and scripts, shown
 * once, kept only as a SHA-256, read-only like HTTP Basic, revoked by their user at any time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isRole } from '../../../core/access.js';
import type { ApiTokenInput, ApiTokenRecord, CreatedApiToken } from '../../../core/contract/index.js';
import type { Actor, ServiceContext } from '../../context.js';
import type { Queryable } from '../../db/index.js';
import { NotFoundError, UnauthenticatedError } from '../../domain-errors.js';
import { recordAudit } from '../audit/audit.service.js';

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const API_TOKEN_PREFIX = 'ra_';
const PREFIX_SHOWN = 10;
/** Refresh last_used_at only when it is this old, so a GIS paging through a layer does not write on every page. */
const TOUCH_INTERVAL_MS = 60_000;

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

const TOKEN_COLUMNS = `id, name, prefix, created_at AS "createdAt", expires_at AS "expiresAt", last_used_at AS "lastUsedAt"`;

type TokenRow = Omit<ApiTokenRecord, 'createdAt' | 'expiresAt' | 'lastUsedAt'> & {
  createdAt: Date | string;
  expiresAt: Date | string | null;
  lastUsedAt: Date | string | null;
};

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
const toRecord = (row: TokenRow): ApiTokenRecord => ({
  ...row,
  createdAt: new Date(row.createdAt).toISOString(),
  expiresAt: iso(row.expiresAt),
  lastUsedAt: iso(row.lastUsedAt),
});

function actorOf(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new UnauthenticatedError();
  return ctx.actor;
}

/** The caller's tokens that still work, newest first. */
export async function listTokens(ctx: ServiceContext): Promise<ApiTokenRecord[]> {
  const rows = await ctx.db.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens
     WHERE user_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
     ORDER BY id DESC`,
    [actorOf(ctx).id, ctx.now().toISOString()],
  );
  return rows.map(toRecord);
}

/** A new token of the caller; the secret is in the answer and nowhere else. */
export async function createToken(ctx: ServiceContext, input: ApiTokenInput): Promise<CreatedApiToken> {
  const actor = actorOf(ctx);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const expiresAt = input.expiresInDays === null ? null : new Date(ctx.now().getTime() + input.expiresInDays * 86_400_000).toISOString();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${TOKEN_COLUMNS}`,
      [actor.id, input.name.trim(), hashOf(token), token.slice(0, PREFIX_SHOWN), ctx.now().toISOString(), expiresAt],
    );
    const record = toRecord(row!);
    await recordAudit(
      { ...ctx, db: tx },
      { action: 'create', entity: 'api_token', entityId: String(record.id), before: null, after: record },
    );
    return { ...record, token };
  });
}

/** Revokes one of the caller's tokens (404 for anyone else's: their ids are not the caller's business). */
export async function revokeToken(ctx: ServiceContext, id: number): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`,
      [id, actor.id, ctx.now().toISOString()],
    );
    if (!row) throw new NotFoundError(`API token ${id}`);
    await recordAudit(
      { ...ctx, db: tx },
      { action: 'delete', entity: 'api_token', entityId: String(id), before: toRecord(row), after: null },
    );
  });
}

/** The user a Bearer token acts for; 401 `invalid_token` when it is unknown, expired, revoked or its user cannot sign in. */
export async function actorOfToken(ctx: ServiceContext<Queryable>, token: string): Promise<Actor> {
  const hash = hashOf(token);
  const now = ctx.now();
  const [row] = await ctx.db.query<{
    id: number;
    user_id: number;
    username: string;
    role: string;
    disabled: boolean;
    is_demo: boolean;
    last_used_at: Date | string | null;
  }>(
    `SELECT t.id, t.user_id, u.username, u.role, u.disabled, u.is_demo, t.last_used_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
    [hash, now.toISOString()],
  );
  if (!row || row.disabled || !isRole(row.role) || (row.is_demo && !ctx.settings.auth.demoAccounts)) {
    throw new UnauthenticatedError('invalid_token');
  }
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await ctx.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, now.toISOString()]);
  }
  return { id: row.user_id, username: row.username, role: row.role };
}
