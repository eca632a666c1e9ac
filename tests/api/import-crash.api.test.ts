/**
 * kill -9 of a process committing a large import into the embedded database (issue 7): the folder
 * opens again — the dead process's lock is taken over as stale — and holds all of the import or
 * none of it, never a part.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../server/db/data-dir-lock.js';
import { openPgliteDb } from '../../server/db/pglite-db.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

const dirs: string[] = [];
let child: ServerProcess | null = null;

afterEach(() => child?.kill());
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a crash during an import commit on the embedded database', () => {
  it.each([
    { when: 'while the rows are being inserted', killOn: 'inserting', pause: 'false' },
    { when: 'after the rows are inserted, before COMMIT', killOn: 'inserted', pause: 'true' },
  ])('leaves all of the import or none of it when killed $when', async ({ killOn, pause }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
    dirs.push(dataDir);
    cpSync(inject('pgliteTemplateDir'), dataDir, { recursive: true });

    child = startServerProcess({ CRASH_DATA_DIR: dataDir, CRASH_PAUSE_AFTER_INSERT: pause }, 'tests/helpers/import-crash-child.ts');
    await child.waitForOutput(`${killOn}\n`, 120_000);
    child.child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');
    const planned = Number(/features (\d+)/.exec(child.output())?.[1]);
    expect(planned).toBeGreaterThan(100);

    // The lock names the dead process; opening again takes it over.
    const lockPath = join(dataDir, LOCK_FILE_NAME);
    expect(existsSync(lockPath)).toBe(true);
    expect(readFileSync(lockPath, 'utf8').trim()).toBe(String(child.child.pid));
    const db = await openPgliteDb(dataDir);
    try {
      const [counts] = await db.query<{ layers: number; estates: number }>(
        `SELECT (SELECT count(*)::int FROM import_layers WHERE name = 'crash import') AS layers,
                (SELECT count(*)::int FROM estates e JOIN import_layers l ON l.id = e.import_layer_id WHERE l.name = 'crash import') AS estates`,
      );
      const committed = child.output().includes('committed');
      const expected = committed ? { layers: 1, estates: planned } : { layers: 0, estates: 0 };
      expect(counts, child.output()).toEqual(expected);
      // Still a working database: it takes writes.
      await db.query(
        `INSERT INTO import_layers (name, file_name, format, source_crs, feature_count) VALUES ('after crash', '', 'geojson', 'wgs84', 0)`,
      );
    } finally {
      await db.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });
});
