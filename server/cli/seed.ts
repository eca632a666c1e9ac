/**
 * `npm run seed`: (re)load a city into the configured database (DATABASE_URL, or embedded).
 *
 *   npm run seed                      the committed demo city (data/demo-city)
 *   npm run seed -- --estates 200000  a generated city of that many estates (made once into
 *                                     data/generated/city-<N>, reused afterwards)
 *   npm run seed -- --dir DIR         a city folder written by data/generate-city.ts
 *
 * Everything loads in one transaction with COPY; a progress bar shows each layer on a terminal.
 */
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { ensureGeneratedCity } from '../../data/generate-city.js';
import { bootstrapDb, logTo } from '../bootstrap.js';
import { loadConfig, PROJECT_ROOT } from '../config.js';
import { createLogger } from '../log.js';
import { DEMO_CITY_DIR, loadDemoCity, type LoadProgress } from '../seed/demo-city.js';

/** The city folder the arguments name, generating a city of `--estates N` when it is not there yet. */
function cityDir(argv: readonly string[]): string {
  const [flag, value] = argv;
  if (flag === undefined) return DEMO_CITY_DIR;
  if (flag === '--dir' && value) return resolve(value);
  const estates = Number(value);
  if (flag === '--estates' && Number.isInteger(estates) && estates >= 1 && estates <= 1_000_000) {
    const dir = join(PROJECT_ROOT, 'data', 'generated', `city-${estates}`);
    console.log(`a city of ${estates} estates in ${dir} (generated on first use) …`);
    return ensureGeneratedCity(estates, dir);
  }
  throw new Error('usage: npm run seed [-- --estates N (1 … 1 000 000) | --dir DIR]');
}

/** A progress bar per step on a terminal; one line per step otherwise (CI logs, pipes). */
function progressReporter(log: (message: string) => void): { report(progress: LoadProgress): void; stop(): void } {
  if (!process.stdout.isTTY) {
    return { report: ({ step, done, total }) => done === 0 && log(`[seed] loading ${total} ${step}`), stop: () => undefined };
  }
  const bar = new cliProgress.SingleBar(
    { format: '[seed] {step} |{bar}| {value}/{total} rows, {duration}s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  return {
    report({ step, done, total }) {
      if (step !== current) {
        if (current !== null) bar.stop();
        current = step;
        bar.start(total, done, { step: step.padEnd(12) });
      } else bar.update(done);
    },
    stop: () => bar.stop(),
  };
}

const config = loadConfig();
const log = createLogger(config.logLevel);
const dir = cityDir(process.argv.slice(2));
const db = await bootstrapDb({ ...config, seedDemo: false }, logTo(log));
const progress = progressReporter((message) => log.info(message));
try {
  const started = performance.now();
  const report = await loadDemoCity(db, dir, (p) => progress.report(p));
  progress.stop();
  log.info(`[seed] ${dir} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(report.counts)}`);
} finally {
  progress.stop();
  await db.close();
}
