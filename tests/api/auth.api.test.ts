/**
 * Sign-in, sessions, the sign-in limit, user management and first start, on both back-ends:
 * sessions live in the database (two app instances share them), expire when idle or old, end when
 * an account is disabled, and a wrong password reads exactly like an unknown user.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import { ensureAdministrator } from '../../server/features/users/users.service.js';
import { DEMO_ACCOUNTS } from '../../server/seed/demo-accounts.js';
import { testBackends } from '../helpers/test-db.js';
import { startTestServer, testClient, type Reply, type TestServer } from '../helpers/test-server.js';

interface ErrorBody {
  error: { code: string; message: string };
}

function login(server: TestServer, username: string, password: string): Promise<Reply> {
  return testClient(server.url, {}).request('POST', '/api/auth/login', { username, password });
}

describe.each(testBackends())('accounts and sessions (%s)', (backend) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ backend });
  });
  afterAll(async () => {
    await server.close();
  });

  it('signs in with an httpOnly, SameSite=Lax cookie and answers the session with its permissions and CSRF token', async () => {
    const reply = await login(server, DEMO_ACCOUNTS.leader.username, DEMO_ACCOUNTS.leader.password);
    expect(reply.status).toBe(200);
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^atlas_session=[\w-]{20,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(reply.body).toMatchObject({ user: { username: 'demo-leader', role: 'leader' }, permissions: ['ledger.read', 'dashboard.read'] });

    const leader = await server.as('leader');
    const session = await leader.get<{ user: { role: string }; csrfToken: string }>('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(leader.headers['X-CSRF-Token']);
    // The database keeps only a hash of the cookie's token.
    const token = (leader.headers.Cookie ?? '').split('=')[1] ?? '';
    const stored = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1', [token]);
    expect(stored[0]?.n).toBe(0);
  });

  it('answers a wrong password exactly as an unknown username', async () => {
    const wrongPassword = await login(server, DEMO_ACCOUNTS.planner.username, 'not-the-password');
    const unknownUser = await login(server, 'nobody-here', 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect((wrongPassword.body as ErrorBody).error.code).toBe('invalid_credentials');
  });

  it('refuses a username PostgreSQL cannot compare (NUL) with 400, not 500', async () => {
    const reply = await login(server, 'demo\u0000planner', 'whatever-1');
    expect(reply.status).toBe(400);
  });

  it('limits failed sign-ins per account, whether or not it exists, with 429 and Retry-After', async () => {
    for (const username of ['demo-designer', 'ghost-account']) {
      for (let i = 0; i < 5; i++) expect((await login(server, username, `wrong-${i}`)).status).toBe(401);
      const limited = await login(server, username, username === 'demo-designer' ? DEMO_ACCOUNTS.designer.password : 'x');
      expect(limited.status).toBe(429);
      expect((limited.body as ErrorBody).error.code).toBe('too_many_attempts');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Other accounts are not locked by it.
    expect((await login(server, DEMO_ACCOUNTS.leader.username, DEMO_ACCOUNTS.leader.password)).status).toBe(200);
  });

  it('limits failed sign-ins per address across accounts', async () => {
    await server.db.query('DELETE FROM sign_in_failures');
    let last: Reply | null = null;
    for (let i = 0; i < 31; i++) last = await login(server, `spray-${i}`, 'guess-1');
    expect(last?.status).toBe(429);
    // Even a right password from that address waits.
    expect((await login(server, DEMO_ACCOUNTS.leader.username, DEMO_ACCOUNTS.leader.password)).status).toBe(429);
    await server.db.query('DELETE FROM sign_in_failures');
  });

  it('ends a session that was idle too long or is past its absolute expiry, and deletes it', async () => {
    const tokenHashOf = (headers: Record<string, string>): string =>
      createHash('sha256')
        .update((headers.Cookie ?? '').split('=')[1] ?? '')
        .digest('hex');
    const stored = async (hash: string): Promise<number> =>
      (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1', [hash]))[0]?.n ?? -1;

    const idle = await server.as('leader');
    await server.db.query(`UPDATE sessions SET last_seen_at = now() - interval '3 hours' WHERE token_hash = $1`, [
      tokenHashOf(idle.headers),
    ]);
    const expired = await idle.get<ErrorBody>('/api/summary');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    expect(await stored(tokenHashOf(idle.headers))).toBe(0);

    const old = await server.as('leader');
    expect(await stored(tokenHashOf(old.headers))).toBe(1);
    await server.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [tokenHashOf(old.headers)]);
    expect((await old.get('/api/summary')).status).toBe(401);
    expect(await stored(tokenHashOf(old.headers))).toBe(0);
  });

  it('shares sessions between app instances through the database', async () => {
    const second = createApp(server.db, loadConfig({ SEED_DEMO: 'false' })).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => second.once('listening', resolve));
    try {
      const address = second.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      const planner = await server.as('planner');
      const elsewhere = testClient(`http://127.0.0.1:${address.port}`, planner.headers);
      expect((await elsewhere.get('/api/auth/session')).status).toBe(200);
      expect((await elsewhere.request('POST', '/api/auth/logout')).status).toBe(204);
      expect((await planner.get('/api/summary')).status).toBe(401);
    } finally {
      second.closeAllConnections();
      await new Promise<void>((resolve) => second.close(() => resolve()));
    }
  });

  it('lets administrators manage users: create, refuse a taken name, change a role (ending their sessions), disable, reset', async () => {
    const created = await server.request<{ id: number; role: string }>('POST', '/api/users', {
      username: 'Wang.Li',
      password: 'long-enough-1',
      role: 'designer',
    });
    expect(created.status).toBe(201);
    expect(created.body.role).toBe('designer');
    const taken = await server.request<ErrorBody>('POST', '/api/users', { username: 'wang.li', password: 'long-enough-2', role: 'leader' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('username_taken');
    expect((await server.request('POST', '/api/users', { username: 'x', password: 'short', role: 'boss' })).status).toBe(400);

    const wang = await login(server, 'wang.li', 'long-enough-1');
    const wangClient = testClient(server.url, { Cookie: (wang.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
    expect((await wangClient.get('/api/summary')).status).toBe(200);
    const promoted = await server.request<{ role: string }>('PATCH', `/api/users/${created.body.id}`, { role: 'planner' });
    expect(promoted.body.role).toBe('planner');
    expect((await wangClient.get('/api/summary')).status).toBe(401);

    expect((await server.request('PATCH', `/api/users/${created.body.id}`, { disabled: true })).status).toBe(200);
    expect((await login(server, 'wang.li', 'long-enough-1')).status).toBe(401);
    expect((await server.request('PATCH', `/api/users/${created.body.id}`, { disabled: false })).status).toBe(200);
    expect((await server.request('POST', `/api/users/${created.body.id}/password`, { password: 'a-new-password' })).status).toBe(204);
    expect((await login(server, 'wang.li', 'long-enough-1')).status).toBe(401);
    expect((await login(server, 'wang.li', 'a-new-password')).status).toBe(200);
  });

  it('never leaves the system without an enabled administrator', async () => {
    const [admin] = await server.db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'demo-admin'`);
    const others = await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled`);
    expect(others[0]?.n).toBe(1);
    const refused = await server.request<ErrorBody>('PATCH', `/api/users/${admin?.id}`, { role: 'leader' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last_admin');
    expect((await server.request<ErrorBody>('PATCH', `/api/users/${admin?.id}`, { disabled: true })).status).toBe(409);
  });

  it('lets users change their own password, proving the current one', async () => {
    const designer = await server.as('designer');
    const wrong = await designer.request('POST', '/api/auth/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'designer-new-2026',
    });
    expect(wrong.status).toBe(400);
    const changed = await designer.request('POST', '/api/auth/password', {
      currentPassword: DEMO_ACCOUNTS.designer.password,
      newPassword: 'designer-new-2026',
    });
    expect(changed.status).toBe(204);
    expect((await login(server, DEMO_ACCOUNTS.designer.username, 'designer-new-2026')).status).toBe(200);
  });

  it('refuses demo accounts when started with DEMO=0', async () => {
    const plannerSession = await server.as('planner');
    const strict = await startTestServer({ db: server.db, env: { DEMO: '0' }, as: null });
    try {
      // The sign-in page lists them only while they work.
      expect((await server.get<{ demoAccounts: unknown[] }>('/api/auth/options')).body.demoAccounts).toHaveLength(4);
      expect((await strict.get<{ demoAccounts: unknown[] }>('/api/auth/options')).body).toEqual({ demoAccounts: [] });
      expect((await login(strict, DEMO_ACCOUNTS.planner.username, DEMO_ACCOUNTS.planner.password)).status).toBe(401);
      expect((await testClient(strict.url, plannerSession.headers).get('/api/summary')).status).toBe(401);
    } finally {
      await strict.close();
    }
  });

  it('creates the administrator once on first start, with a generated password logged once', async () => {
    await server.db.query(`DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = 'admin')`);
    const logged: string[] = [];
    const ctx = serviceContext(server.db, loadConfig({}));
    await ensureAdministrator(ctx, undefined, (message) => logged.push(message));
    expect(logged).toHaveLength(1);
    const password = /password (\S+) /.exec(logged[0] ?? '')?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect((await login(server, 'admin', password)).status).toBe(200);
    await ensureAdministrator(ctx, 'another-password', (message) => logged.push(message));
    expect(logged).toHaveLength(1);
  });
});
