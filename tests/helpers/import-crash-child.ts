/**
 * Child of tests/api/import-crash.api.test.ts: opens the embedded database in CRASH_DATA_DIR and
 * commits a large import through the imports service, saying on stdout how far it got so the test
 * can kill -9 it mid-commit. CRASH_PAUSE_AFTER_INSERT=true waits inside the transaction once the
 * rows are inserted (a kill then surely lands before COMMIT).
 */
import { loadConfig } from '../../server/config.js';
import { serviceContext } from '../../server/context.js';
import type { Db, Executor } from '../../server/db/index.js';
import { openPgliteDb } from '../../server/db/pglite-db.js';
import { commitImport } from '../../server/features/imports/imports.service.js';
import { findFreeSpots } from './free-spots.js';
import { squareAround } from './test-polygons.js';

/** Per free spot, a GRID × GRID block of small squares 12 m apart (inside the spot's 100 m clearance). */
const GRID = 6;
const STEP_DEG = 12 / 111_320;

const dataDir = process.env.CRASH_DATA_DIR;
if (!dataDir) throw new Error('set CRASH_DATA_DIR');
const pauseAfterInsert = process.env.CRASH_PAUSE_AFTER_INSERT === 'true';
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const db = await openPgliteDb(dataDir);
const spots = await findFreeSpots(db, 3);
const features = spots.flatMap((spot, s) =>
  Array.from({ length: GRID * GRID }, (_, k) => ({
    type: 'Feature',
    geometry: squareAround(spot.lng + (Math.floor(k / GRID) - GRID / 2) * STEP_DEG, spot.lat + ((k % GRID) - GRID / 2) * STEP_DEG, 3),
    properties: { name: `崩溃测试${s}-${k}` },
  })),
);

/** The database, with the statements of a transaction announced on stdout. */
const watched: Db = {
  ...db,
  transaction: (work) =>
    db.transaction((tx) => {
      const announcing: Executor = {
        exec: (sql) => tx.exec(sql),
        copyRows: (table, columns, rows) => tx.copyRows(table, columns, rows),
        async query<Row>(sql: string, params?: Parameters<Executor['query']>[1]): Promise<Row[]> {
          const inserting = sql.startsWith('INSERT INTO estates');
          if (inserting) say('inserting');
          const rows = await tx.query<Row>(sql, params);
          if (inserting) {
            say('inserted');
            if (pauseAfterInsert) await new Promise((resolve) => setTimeout(resolve, 60_000));
          }
          return rows;
        },
      };
      return work(announcing);
    }),
};

say(`features ${features.length}`);
const result = await commitImport(
  serviceContext(watched, loadConfig({})),
  { name: 'crash import', fileName: 'crash.geojson', format: 'geojson', sourceCrs: 'wgs84' },
  features,
);
say(`committed ${result.inserted}`);
// Stay alive: the test kills this process; exiting on our own would hide a late kill.
setInterval(() => undefined, 60_000);
