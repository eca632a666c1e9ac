/** What the coverage worker answers: progress, the results, or why it failed. */
import type { EstateCoverage } from '../../../../core/coverage/coverage';

export type CoverageWorkerReply =
  { kind: 'progress'; done: number; total: number } | { kind: 'done'; results: EstateCoverage[] } | { kind: 'failed'; message: string };
