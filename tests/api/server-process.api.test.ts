/**
 * The server process as an operator meets it (issue 7, items 2, 4 and 8): an unreachable database
 * is waited for with backoff while the server answers 503; one process per embedded data folder; a
 * busy port is a clear failure; SIGTERM lets an in-flight request finish and then exits 0.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../server/db/data-dir-lock.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { signIn, UNKNOWN_SESSION_COOKIE } from '../helpers/sign-in.js';

const started: ServerProcess[] = [];
const dirs: string[] = [];

function start(env: Record<string, string>): ServerProcess {
  const server = startServerProcess(env);
  started.push(server);
  return server;
}

/** A private copy of the seeded embedded template. */
function copyOfTemplate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-process-'));
  cpSync(inject('pgliteTemplateDir'), dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const server of started.splice(0)) server.kill();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('keeps running with a PostGIS server unreachable: retries with growing waits and answers 503 with Retry-After meanwhile', async () => {
    const closedPort = await freePort();
    const port = await freePort();
    const server = start({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/atlas`, PORT: String(port) });
    await server.waitForOutput('retrying in 1 s');
    await server.waitForOutput('retrying in 2 s');
    expect(server.output()).toContain(`[db] cannot reach PostGIS server 127.0.0.1:${closedPort}/atlas (connection refused)`);
    for (const path of ['/api/health', '/api/estates?limit=1']) {
      // With a session cookie the guard needs the database, so a data route answers 503 rather than 401.
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { Cookie: UNKNOWN_SESSION_COOKIE } });
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await response.json()) as { error: unknown }).error).toMatchObject({
        code: 'unavailable',
        params: { reason: 'connection refused' },
      });
    }
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/\n\s+at /);
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses a second process on the same embedded data folder, naming the folder and the pid holding it', async () => {
    const dataDir = copyOfTemplate();
    const first = start({ PGLITE_DATA_DIR: dataDir, PORT: String(await freePort()) });
    await first.waitForOutput('Renewal Atlas ready');
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);

    const second = start({ PGLITE_DATA_DIR: dataDir, PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code, second.output()).not.toBe(0);
    expect(second.output()).toContain(`The embedded database ${dataDir} is in use by process ${first.child.pid}`);
    expect(second.output()).not.toContain('Renewal Atlas ready');
    expect(second.output()).not.toMatch(/\n\s+at /);

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('exits non-zero with a clear message, never "ready", when its port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const address = squatter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const dataDir = copyOfTemplate();
      const server = start({ PGLITE_DATA_DIR: dataDir, PORT: String(port) });
      const { code } = await server.exited;
      expect(code, server.output()).toBe(1);
      expect(server.output()).toContain(`[http] cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      expect(server.output()).not.toContain('ready');
      // It closed the embedded database it had started to open, lock included.
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('on SIGTERM stops accepting, lets a slow in-flight request finish, closes the database and exits 0', async () => {
    const dataDir = copyOfTemplate();
    const port = await freePort();
    const server = start({ PGLITE_DATA_DIR: dataDir, PORT: String(port) });
    await server.waitForOutput('Renewal Atlas ready');

    const planner = await signIn(`http://127.0.0.1:${port}`, 'planner');
    // A slow upload: the headers and half the body now, the rest after SIGTERM.
    const body = JSON.stringify({ features: [] });
    let upload: ClientRequest | null = null;
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      upload = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/imports/validate',
          headers: { ...planner, 'Content-Type': 'application/json' },
        },
        (response: IncomingMessage) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      upload.on('error', reject);
    });
    const slow = upload as unknown as ClientRequest;
    slow.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 300));

    server.child.kill('SIGTERM');
    await server.waitForOutput('SIGTERM: closing');
    // No new connections once stopping…
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    expect(server.child.exitCode).toBeNull();
    // …but the one in flight completes.
    slow.end(body.slice(5));
    const reply = await answered;
    expect(reply.status, reply.text).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ rows: [] });

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('[http] stopped');
    // It did not need the grace-period timer that cuts connections.
    expect(server.output()).not.toContain('still open');
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
