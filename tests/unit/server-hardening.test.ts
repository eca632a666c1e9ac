/** The pure parts of issue 7's hardening: settings, backoff, which failures count as "unavailable", the data-folder lock, CSP origins. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { retryDelayS } from '../../server/bootstrap.js';
import { loadConfig } from '../../server/config.js';
import { DataDirLockedError, lockDataDir, LOCK_FILE_NAME } from '../../server/db/data-dir-lock.js';
import { DbUnavailableError, toDbError, unavailableReason } from '../../server/db/db-errors.js';
import { basemapOrigins } from '../../server/http/security-headers.js';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('settings', () => {
  it('listens on loopback, logs at info and sends no HSTS unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', logLevel: 'info', hsts: false });
    expect(loadConfig({ HOST: '0.0.0.0', LOG_LEVEL: 'silent', HSTS: 'true' })).toMatchObject({
      host: '0.0.0.0',
      logLevel: 'silent',
      hsts: true,
    });
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});

describe('retrying the database', () => {
  it('waits 1, 2, 4 … seconds, never more than 30', () => {
    expect(Array.from({ length: 8 }, (_, attempt) => retryDelayS(attempt))).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });
});

describe('connection-level failures', () => {
  it('counts refused, reset and timed-out sockets, lost connections and server shutdowns as unavailable', () => {
    expect(unavailableReason(withCode('connect ECONNREFUSED 127.0.0.1:5999', 'ECONNREFUSED'))).toBe('connection refused');
    expect(unavailableReason(withCode('read ECONNRESET', 'ECONNRESET'))).toBe('connection lost');
    expect(unavailableReason(withCode('x', 'ETIMEDOUT'))).toBe('timed out');
    expect(unavailableReason(new Error('Connection terminated unexpectedly'))).toBe('connection lost');
    expect(unavailableReason(withCode('terminating connection due to administrator command', '57P01'))).toBe('shutting down');
    expect(unavailableReason(withCode('the database system is starting up', '57P03'))).toBe('starting');
    expect(unavailableReason(withCode('connection failure', '08006'))).toBe('connection lost');
    expect(unavailableReason(withCode('sorry, too many clients already', '53300'))).toBe('too many connections');
    expect(unavailableReason(new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''))).toBe(
      'connection refused',
    );
  });

  it('leaves a statement’s own errors alone', () => {
    const unique = withCode('duplicate key value violates unique constraint', '23505');
    expect(unavailableReason(unique)).toBeNull();
    expect(toDbError(unique)).toBe(unique);
    expect(unavailableReason(withCode('syntax error', '42601'))).toBeNull();
  });

  it('wraps a failure without repeating the driver’s words (they name hosts and ports)', () => {
    const wrapped = toDbError(withCode('connect ECONNREFUSED 10.1.2.3:5432', 'ECONNREFUSED'));
    expect(wrapped).toBeInstanceOf(DbUnavailableError);
    expect((wrapped as DbUnavailableError).message).not.toContain('10.1.2.3');
    expect((wrapped as DbUnavailableError).code).toBe('unavailable');
  });
});

describe('the data-folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder, naming the folder and the pid, and is free again once released', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`${dir} is in use by process ${process.pid}`);
    release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over the lock of a process that is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, LOCK_FILE_NAME), `${gone}\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    release();
  });
});

describe('CSP origins of the basemap', () => {
  it('adds the style URL’s origin, or Tianditu’s hosts, or nothing', () => {
    expect(basemapOrigins({ styleUrl: 'https://tiles.example.com/styles/a.json', tiandituKey: 'k' })).toEqual([
      'https://tiles.example.com',
    ]);
    expect(basemapOrigins({ styleUrl: null, tiandituKey: 'k' })).toEqual(['https://*.tianditu.gov.cn']);
    expect(basemapOrigins({ styleUrl: null, tiandituKey: null })).toEqual([]);
  });
});
