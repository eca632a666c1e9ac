/**
 * Personal API tokens on both back-ends: created by their user and shown once, listed without the
 * secret, read-only with `Authorization: Bearer` on the API and OGC API (GDAL's ogrinfo too),
 * private to their owner, and refused (401 invalid_token) once revoked, expired or when the user
 * is disabled; bad input is a 400 that creates nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenRecord, CreatedApiToken } from '../../core/contract/index.js';
import { openTestDb, testBackends, type TestDb } from '../helpers/test-db.js';
import { startTestServer, testClient, type TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);
const hasGdal = existsSync('/usr/bin/ogrinfo') || Boolean(process.env.CI);

describe.each(testBackends())('API tokens on %s', (backend) => {
  let copy: TestDb;
  let server: TestServer;
  beforeAll(async () => {
    copy = await openTestDb(backend);
    server = await startTestServer({ db: copy.db, as: 'planner' });
  });
  afterAll(async () => {
    await server.close();
    await copy.dispose();
  });

  const bearer = (token: string) => testClient(server.url, { Authorization: `Bearer ${token}` });
  const create = (name: string, expiresInDays: number | null = 90) =>
    server.request<CreatedApiToken>('POST', '/api/tokens', { name, expiresInDays });

  it('creates a token shown once, lists it without the secret, and reads with it but cannot write', async () => {
    const created = await create('QGIS 笔记本');
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^ra_[\w-]{43}$/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const [stored] = await copy.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [created.body.id]);
    expect(stored!.token_hash).not.toContain(created.body.token);
    const list = await server.get<ApiTokenRecord[]>('/api/tokens');
    expect(list.body.map((t) => t.name)).toContain('QGIS 笔记本');
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const gis = bearer(created.body.token);
    expect((await gis.get('/ogc/collections')).status).toBe(200);
    expect((await gis.get('/api/estates?limit=5')).status).toBe(200);
    const write = await gis.request<{ error: { code: string } }>('POST', '/api/tokens', { name: 'x', expiresInDays: null });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('csrf_failed');
    const [used] = await copy.db.query<{ last_used_at: string | null }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [
      created.body.id,
    ]);
    expect(used!.last_used_at).not.toBeNull();
  });

  it('keeps tokens private to their owner and refuses them once revoked or expired', async () => {
    const created = (await create('脚本')).body;
    const leader = await server.as('leader');
    expect((await leader.get<ApiTokenRecord[]>('/api/tokens')).body.some((t) => t.id === created.id)).toBe(false);
    expect((await leader.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(404);
    expect((await bearer(created.token).get('/ogc')).status).toBe(200);

    expect((await server.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    const refused = await bearer(created.token).get<{ error: { code: string } }>('/ogc');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('invalid_token');
    expect((await server.get<ApiTokenRecord[]>('/api/tokens')).body.some((t) => t.id === created.id)).toBe(false);
    expect((await server.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(404);

    const expiring = (await create('到期', 30)).body;
    await copy.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [expiring.id]);
    expect((await bearer(expiring.token).get('/ogc')).status).toBe(401);
    expect((await bearer('ra_not-a-token').get('/ogc')).status).toBe(401);

    const audit = await copy.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'api_token' AND entity_id = $1 ORDER BY id",
      [String(created.id)],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('stops a token when its user is disabled', async () => {
    const designer = await server.as('designer');
    const created = (await designer.request<CreatedApiToken>('POST', '/api/tokens', { name: 'designer', expiresInDays: null })).body;
    expect((await bearer(created.token).get('/ogc')).status).toBe(200);
    await copy.db.query('UPDATE users SET disabled = true WHERE id = (SELECT user_id FROM api_tokens WHERE id = $1)', [created.id]);
    try {
      expect((await bearer(created.token).get('/ogc')).status).toBe(401);
    } finally {
      await copy.db.query('UPDATE users SET disabled = false WHERE id = (SELECT user_id FROM api_tokens WHERE id = $1)', [created.id]);
    }
  });

  it('refuses bad input with 400 and creates nothing', async () => {
    const [before] = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens');
    for (const body of [
      { name: '', expiresInDays: 30 },
      { name: 'a', expiresInDays: 7 },
      { name: 'a' },
      { name: 'x'.repeat(61), expiresInDays: null },
      { name: 'a', expiresInDays: null, role: 'admin' },
      { name: 'a\u0000', expiresInDays: null },
    ]) {
      const reply = await server.request<{ error: { code: string } }>('POST', '/api/tokens', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
    }
    const [after] = await copy.db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_tokens');
    expect(after!.n).toBe(before!.n);
    expect((await (await server.as(null)).request('POST', '/api/tokens', { name: 'a', expiresInDays: null })).status).toBe(401);
  });

  it.skipIf(!hasGdal)(
    'lets GDAL read the OGC API with a Bearer token',
    async () => {
      const created = (await create('GDAL')).body;
      const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${created.token}` };
      const layers = await run('ogrinfo', ['-ro', '-q', `OAPIF:${server.url}/ogc`], { env, timeout: 60_000 });
      expect(layers.stdout).toMatch(/estates/);
    },
    120_000,
  );
});
