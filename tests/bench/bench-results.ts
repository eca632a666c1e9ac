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
  /** Where the issue also sets an absolute figure: ours must stay at or below this, in `unit`. */
  limit?: number;
  note?: string;
  /** When this line was last measured (ISO): lines are merged by name, so each keeps its own date. */
  measuredAt?: string;
}

/** BENCH_RESULTS_FILE moves it (the smoke run in the tests writes to a temporary file). */
export const RESULTS_FILE = process.env.BENCH_RESULTS_FILE ?? join(PROJECT_ROOT, 'bench', 'results.json');

interface ResultsFile {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  updatedAt: string;
  lines: BenchLine[];
}

/** Records a line: prints it and merges it into bench/results.json. */
export function recordBench(line: Omit<BenchLine, 'ratio' | 'measuredAt'>, file = RESULTS_FILE): BenchLine {
  const full: BenchLine = {
    ...line,
    ratio: line.baseline === 0 ? Number.NaN : line.ours / line.baseline,
    measuredAt: new Date().toISOString(),
  };
  const met = meetsTarget(full);
  const verdict = met === null ? '' : met ? ' ✓' : ' ✗ over target';
  console.log(
    `${full.name}: ours ${full.ours.toFixed(2)} ${full.unit} vs ${full.baselineName} ${full.baseline.toFixed(2)} ${full.unit} → ratio ${full.ratio.toFixed(2)}${full.target === null ? '' : ` (target ≤ ${full.target}${full.limit === undefined ? '' : `, ours ≤ ${full.limit} ${full.unit}`})`}${verdict}`,
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

/** Whether a line meets its target ratio and its absolute limit, if it has one: null where it has neither. */
export function meetsTarget(line: BenchLine): boolean | null {
  if (line.target === null && line.limit === undefined) return null;
  return (line.target === null || line.ratio <= line.target) && (line.limit === undefined || line.ours <= line.limit);
}

/** The recorded lines as a plain-text table: ratio, target, verdict and the day each was measured. */
export function resultsTable(lines: readonly BenchLine[]): string {
  const rows = lines.map((line) => {
    const verdict = meetsTarget(line);
    return [
      line.name,
      `${line.ours.toFixed(2)} ${line.unit}`,
      `${line.baseline.toFixed(2)} ${line.unit}`,
      line.ratio.toFixed(2),
      [line.target === null ? '' : `≤ ${line.target}`, line.limit === undefined ? '' : `ours ≤ ${line.limit} ${line.unit}`]
        .filter(Boolean)
        .join(', ') || '—',
      verdict === null ? '' : verdict ? 'met' : 'NOT MET',
      line.measuredAt?.slice(0, 10) ?? 'undated',
    ];
  });
  const header = ['line', 'ours', 'baseline', 'ratio', 'target', '', 'measured'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const format = (row: readonly string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)].join('\n');
}

/** The lines bench/results.json holds (none when it does not exist). */
export function readResults(file = RESULTS_FILE): BenchLine[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile).lines : [];
}
