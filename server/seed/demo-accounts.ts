/**
 * One demo account per role, created with the demo city so a newcomer can try each role
 * (README → Demo accounts). Demo-only: their passwords are public, and the app refuses them when
 * started with DEMO=0.
 */
import type { Role } from '../../core/access.js';
import type { Queryable } from '../db/index.js';
import { hashPassword } from '../features/auth/passwords.js';

export const DEMO_ACCOUNTS: Readonly<Record<Role, { username: string; password: string }>> = {
  admin: { username: 'demo-admin', password: 'demo-admin-2026' },
  planner: { username: 'demo-planner', password: 'demo-planner-2026' },
  designer: { username: 'demo-designer', password: 'demo-designer-2026' },
  leader: { username: 'demo-leader', password: 'demo-leader-2026' },
};

/** Hashes first (slow, ~0.1 s each), so the caller's transaction is not held open meanwhile. */
export async function demoAccountRows(): Promise<{ username: string; passwordHash: string; role: Role }[]> {
  return Promise.all(
    Object.entries(DEMO_ACCOUNTS).map(async ([role, account]) => ({
      username: account.username,
      passwordHash: await hashPassword(account.password),
      role: role as Role,
    })),
  );
}

/** Adds the demo accounts that are missing; an account an administrator changed is left as it is. */
export async function insertDemoAccounts(tx: Queryable, rows: Awaited<ReturnType<typeof demoAccountRows>>): Promise<void> {
  for (const row of rows) {
    await tx.query(
      `INSERT INTO users (username, password_hash, role, is_demo) VALUES ($1, $2, $3, true) ON CONFLICT (username) DO NOTHING`,
      [row.username, row.passwordHash, row.role],
    );
  }
}
