/** Wire format of sign-in, sessions, user management and the audit trail. */
import { z } from 'zod';
import { PERMISSION_IDS, ROLES } from '../access.js';
import { safeTextSchema } from '../safe-text.js';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{1,31}$/;
/** Long enough to resist guessing once the sign-in rate limit is in the way; argon2 takes any length, 256 bounds the work. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSION_IDS as [string, ...string[]]);

/** A signed-in user as the client sees it. */
export const sessionUserSchema = z.object({ id: z.number(), username: z.string(), role: roleSchema });

/** POST /api/auth/login and GET /api/auth/session. */
export const sessionSchema = z.object({
  user: sessionUserSchema,
  permissions: z.array(permissionSchema),
  /** Sent back as `X-CSRF-Token` on every state-changing request. */
  csrfToken: z.string(),
  /** When the session ends whatever happens (absolute expiry). */
  expiresAt: z.string(),
  /** Minutes of inactivity after which the session ends. */
  idleTimeoutMinutes: z.number(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

/** GET /api/auth/options: what the sign-in page may show; the demo accounts only while the app runs with DEMO=1. */
export const signInOptionsSchema = z.object({
  demoAccounts: z.array(z.object({ role: roleSchema, username: z.string(), password: z.string() })),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

/** GET /api/users rows. */
export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type UserRecord = z.infer<typeof userSchema>;
export const userListSchema = z.array(userSchema);

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  /** bigint, as text. */
  id: z.string(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorUsername: z.string(),
  actorRole: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.array(auditEntrySchema);

/** Filters of GET /api/audit (all optional). */
export interface AuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
  /** ISO date or timestamp, inclusive. */
  from?: string | undefined;
  /** ISO date or timestamp, exclusive. */
  to?: string | undefined;
  /** Page further back: entries with an id below this. */
  beforeId?: string | undefined;
}

/** A personal API token as its owner sees it (the secret itself only once, when created). */
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiTokenRecord = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.array(apiTokenSchema);
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

/** How long a new token may last, in days (or, null, until revoked). */
export const API_TOKEN_LIFETIMES_DAYS = [30, 90, 365] as const;

/** POST /api/tokens. */
export const apiTokenInputSchema = z
  .object({
    name: safeTextSchema(60, 1),
    expiresInDays: z.literal(API_TOKEN_LIFETIMES_DAYS).nullable(),
  })
  .strict();
export type ApiTokenInput = z.infer<typeof apiTokenInputSchema>;
