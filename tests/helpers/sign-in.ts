/** Signing in as a demo role, for tests and benchmarks (no vitest import, so tsx scripts can use it too). */
import type { Role } from '../../core/access.js';
import { DEMO_ACCOUNTS } from '../../server/seed/demo-accounts.js';

/** Signs in as the demo account of `role`; the headers a client sends to act as it. */
export async function signIn(url: string, role: Role): Promise<Record<string, string>> {
  const account = DEMO_ACCOUNTS[role];
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (response.status !== 200 || !body.csrfToken || cookie === '') throw new Error(`signing in as ${role} failed: ${response.status}`);
  return { Cookie: cookie, 'X-CSRF-Token': body.csrfToken };
}

/** A well-formed session cookie that names no session: the guard must ask the database about it (401 when up, 503 when down). */
export const UNKNOWN_SESSION_COOKIE = `atlas_session=${'x'.repeat(43)}`;
