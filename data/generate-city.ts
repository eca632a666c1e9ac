/**
 * Writes the synthetic demo city as GeoJSON files.
 *
 *   npx tsx data/generate-city.ts [--estates 117] [--seed 20180] [--out data/demo-city] [--origin 114.3,30.6]
 *
 * The default output is committed in data/demo-city; tests/unit/demo-city.test.ts checks that
 * it is what the generator makes today.
 */
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DEMO_CITY_OPTIONS, DEMO_CITY_LAYERS, generateCity } from './city-generator.js';
import { DEMO_CITY_MANIFEST_FILE, layerFileName, manifestText } from './demo-city-files.js';
import { featureCollectionChunks } from './geojson-text.js';

export const DEFAULT_OUT_DIR = 'data/demo-city';

interface CliOptions {
  estates: number;
  seed: number;
  out: string;
  origin?: readonly [number, number] | undefined;
}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { ...DEFAULT_DEMO_CITY_OPTIONS, out: DEFAULT_OUT_DIR };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k];
    const value = argv[k + 1];
    if (flag === '--help' || flag === '-h') {
      console.log('usage: npx tsx data/generate-city.ts [--estates 117] [--seed 20180] [--out data/demo-city] [--origin lng,lat]');
      process.exit(0);
    }
    if (value === undefined || !['--estates', '--seed', '--out', '--origin'].includes(flag ?? '')) {
      throw new Error(`Unknown or incomplete option ${flag ?? ''}; use --estates N, --seed N, --out DIR or --origin LNG,LAT.`);
    }
    k++;
    if (flag === '--out') {
      options.out = value;
      continue;
    }
    if (flag === '--origin') {
      const [lng, lat] = value.split(',').map(Number);
      if (lng === undefined || lat === undefined || !(Math.abs(lng) <= 180 && Math.abs(lat) <= 80)) {
        throw new Error(`--origin needs lng,lat in degrees, got "${value}".`);
      }
      options.origin = [lng, lat];
      continue;
    }
    const number = Number(value);
    if (!Number.isInteger(number)) throw new Error(`${flag} needs a whole number, got "${value}".`);
    if (flag === '--estates') options.estates = number;
    else options.seed = number;
  }
  return options;
}

interface WrittenCity {
  counts: string;
  generatedMs: number;
  writtenMs: number;
}

/** Generates a city and writes its files into `dir`. */
export function writeGeneratedCity(options: Omit<CliOptions, 'out'>, dir: string): WrittenCity {
  const started = performance.now();
  const city = generateCity({ seed: options.seed, estates: options.estates, origin: options.origin });
  const generatedMs = performance.now() - started;
  mkdirSync(dir, { recursive: true });
  for (const layer of DEMO_CITY_LAYERS) {
    const fd = openSync(join(dir, layerFileName(layer)), 'w');
    try {
      for (const chunk of featureCollectionChunks(city[layer])) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  }
  writeFileSync(join(dir, DEMO_CITY_MANIFEST_FILE), manifestText(city));
  const counts = DEMO_CITY_LAYERS.map((layer) => `${city[layer].features.length} ${layer}`).join(', ');
  return { counts, generatedMs, writtenMs: performance.now() - started - generatedMs };
}

/** `dir` holding a city of `estates` generated from the default seed: made on first use, reused after. */
export function ensureGeneratedCity(estates: number, dir: string): string {
  if (!existsSync(join(dir, DEMO_CITY_MANIFEST_FILE))) writeGeneratedCity({ ...DEFAULT_DEMO_CITY_OPTIONS, estates }, dir);
  return dir;
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const dir = resolve(options.out);
  const written = writeGeneratedCity(options, dir);
  console.log(`demo city (seed ${options.seed}) → ${dir}: ${written.counts}`);
  console.log(`generated in ${(written.generatedMs / 1000).toFixed(1)} s, written in ${(written.writtenMs / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
