/**
 * The permission matrix, read from the app's own router (not a hand list): every API route must
 * declare its access, and each role gets 401 signed out, 403 without the permission and gets past
 * the check with it; every state-changing route refuses a request without the CSRF token. A route
 * added without `declareRoutes` fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleMeets, type Role } from '../../core/access.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { listRoutes, type RouteEntry } from '../../server/http/access.js';
import { startTestServer, testClient, type TestClient, type TestServer } from '../helpers/test-server.js';

const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login', 'GET /api/auth/options'];
const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** Event streams never end: read their status and error body, then hang up. */
const STREAMS = new Set(['GET /api/events']);

async function streamStatus(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const controller = new AbortController();
  const reply = await fetch(url, { headers, signal: controller.signal });
  const body: unknown = reply.headers.get('content-type')?.includes('application/json') ? await reply.json() : null;
  controller.abort();
  return { status: reply.status, body };
}

/** A concrete URL for a route pattern: every parameter becomes 1 (estate 1 and user 1 exist in the demo city; zone 1 is made in beforeAll). */
function concrete(route: RouteEntry): string {
  return route.path.replace(/:\w+/g, '1');
}

describe('every API route declares who may call it', () => {
  let server: TestServer;
  let routes: RouteEntry[];
  const clients = new Map<Role, TestClient>();

  beforeAll(async () => {
    server = await startTestServer();
    routes = listRoutes(createApp(server.db, loadConfig({ SEED_DEMO: 'false' }))).filter((route) => route.path.startsWith('/api/'));
    for (const role of ROLES) clients.set(role, await server.as(role));
    const zone = await server.request<{ id: number }>('POST', '/api/zones', { name: '权限测试片区', estateIds: [1] });
    expect(zone.body.id).toBe(1);
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the routes in the router, each with a declared access', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((route) => route.access === undefined).map((route) => `${route.method} ${route.path}`);
    expect(undeclared).toEqual([]);
  });

  it('keeps only sign-in, its options and health public: ledger data never is', () => {
    const open = routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 to a signed-out caller on every non-public route', async () => {
    const anonymous = testClient(server.url, {});
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const reply = await anonymous.request(route.method, concrete(route), SAFE_METHODS.has(route.method) ? undefined : {});
      expect(reply.status, `${route.method} ${route.path}`).toBe(401);
      expect((reply.body as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to a role without the permission and lets the role with it past the check', async () => {
    const outcomes: string[] = [];
    // Sign-out last: it ends the session the other checks use.
    const ordered = [...routes].sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    for (const route of ordered) {
      if (route.access === undefined || route.access === 'public') continue;
      for (const role of ROLES) {
        const client = clients.get(role);
        if (!client) throw new Error(`no client for ${role}`);
        const reply = STREAMS.has(`${route.method} ${route.path}`)
          ? await streamStatus(`${server.url}${concrete(route)}`, client.headers)
          : await client.request(route.method, concrete(route), SAFE_METHODS.has(route.method) ? undefined : {});
        const label = `${role} ${route.method} ${route.path} → ${reply.status}`;
        outcomes.push(label);
        if (roleMeets(role, route.access)) {
          expect([401, 403], label).not.toContain(reply.status);
          // A read of an existing id succeeds (or names a missing query parameter); a write with an empty body reaches validation.
          if (SAFE_METHODS.has(route.method)) expect([200, 400], label).toContain(reply.status);
          else expect(reply.status, label).toBeLessThan(500);
        } else {
          expect(reply.status, label).toBe(403);
          expect((reply.body as { error: { code: string; params: { role: string } } }).error).toMatchObject({
            code: 'forbidden',
            params: { role },
          });
        }
      }
    }
    expect(outcomes.length).toBeGreaterThan(80);
  });

  it('answers 403 csrf_failed to every state-changing route sent without or with a wrong X-CSRF-Token', async () => {
    const admin = await server.as('admin');
    const cookieOnly = testClient(server.url, { Cookie: admin.headers.Cookie ?? '' });
    const wrongToken = testClient(server.url, { Cookie: admin.headers.Cookie ?? '', 'X-CSRF-Token': 'not-the-token' });
    const writes = routes.filter((route) => !SAFE_METHODS.has(route.method) && route.access !== 'public');
    expect(writes.length).toBeGreaterThan(8);
    for (const route of writes) {
      for (const client of [cookieOnly, wrongToken]) {
        const reply = await client.request(route.method, concrete(route), {});
        expect(reply.status, `${route.method} ${route.path}`).toBe(403);
        expect((reply.body as { error: { code: string } }).error.code).toBe('csrf_failed');
      }
    }
  });
});
