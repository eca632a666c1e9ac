/** What the coverage worker answers: progress, the results, or why it failed. */
import type { CoverageRunResult } from '../../../../core/coverage/coverage-run';

export type CoverageWorkerReply =
  { kind: 'progress'; done: number; total: number } | ({ kind: 'done' } & CoverageRunResult) | { kind: 'failed'; message: string };
