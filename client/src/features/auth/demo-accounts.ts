/**
 * The demo city's accounts, for the sign-in page's hint. They mirror server/seed/demo-accounts.ts
 * (the client does not import server code); the auth browser test signs in with each one, so the
 * two cannot drift apart unnoticed.
 */
import { ROLES, type Role } from '../../../../core/access';

export const DEMO_SIGN_INS: readonly { role: Role; username: string; password: string }[] = ROLES.map((role) => ({
  role,
  username: `demo-${role}`,
  password: `demo-${role}-2026`,
}));
