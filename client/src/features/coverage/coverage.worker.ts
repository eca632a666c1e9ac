/** Runs core/coverage off the main thread, so the map never freezes while a city is computed. */
import { runCoverage, type CoverageRunInput } from '../../../../core/coverage/coverage-run';
import type { CoverageWorkerReply } from './coverage-messages';

/** The parts of a dedicated worker's global scope used here (the DOM library types `self` as a Window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<CoverageRunInput>) => void) | null;
  postMessage(reply: CoverageWorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  try {
    const result = runCoverage(event.data, (done, total) => scope.postMessage({ kind: 'progress', done, total }), 200);
    scope.postMessage({ kind: 'done', ...result });
  } catch (error) {
    scope.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
