/**
 * One record per benchmark line, printed as it is measured and merged into bench/results.json
 * (by `name`, so each bench script updates its own lines): ours, the baseline measured in the
 * same run, their ratio and the target the ratio must meet.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../server/config.js';

export interface BenchLine {
  name: string;
  ours: number;
  baseline: number;
  unit: string;
  baselineName: string;
  /** ours / baseline */
  ratio: number;
  /** The ratio must stay at or below this (null: reported, no target). */
  target: number | null;
  note?: string;
}

/** BENCH_RESULTS_FILE moves it (the smoke run in the tests writes to a temporary file). */
export const RESULTS_FILE = process.env.BENCH_RESULTS_FILE ?? join(PROJECT_ROOT, 'bench', 'results.json');

interface ResultsFile {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  updatedAt: string;
  lines: BenchLine[];
}

/** Records a line: prints it and merges it into bench/results.json. */
export function recordBench(line: Omit<BenchLine, 'ratio'>, file = RESULTS_FILE): BenchLine {
  const full: BenchLine = { ...line, ratio: line.baseline === 0 ? Number.NaN : line.ours / line.baseline };
  const verdict = full.target === null ? '' : full.ratio <= full.target ? ' ✓' : ' ✗ over target';
  console.log(
    `${full.name}: ours ${full.ours.toFixed(2)} ${full.unit} vs ${full.baselineName} ${full.baseline.toFixed(2)} ${full.unit} → ratio ${full.ratio.toFixed(2)}${full.target === null ? '' : ` (target ≤ ${full.target})`}${verdict}`,
  );
  const previous: ResultsFile | null = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : null;
  const lines = (previous?.lines ?? []).filter((l) => l.name !== full.name);
  lines.push(full);
  const results: ResultsFile = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    updatedAt: new Date().toISOString(),
    lines: lines.sort((a, b) => a.name.localeCompare(b.name)),
  };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return full;
}
