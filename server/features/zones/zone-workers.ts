/**
 * The outlines of the city-wide zone suggestions on worker threads (piscina): unioning tens of
 * thousands of polygons would hold the event loop — and every other request — for a few hundred
 * milliseconds, and it splits evenly over the machine's cores. Small jobs stay on the calling
 * thread, where handing over costs more. (The neighbour links were tried on workers too: copying
 * 10 000 shapes there and back cost what the second core saved.)
 */
import { availableParallelism } from 'node:os';
import type { MultiPolygon } from 'geojson';
import { Piscina } from 'piscina';
import type { ShapeLink } from '../../../core/zones/link-bridges.js';
import type { MetricShape } from '../../../core/zones/metric-shape.js';
import { packShapes } from '../../../core/zones/packed-shapes.js';
import { groupOutlines, unpackOutlines, type GroupOutlinesTask } from '../../../core/zones/zone-tasks.js';

const THREADS = Math.max(1, Math.min(2, availableParallelism()));
/** Tasks per thread: a thread that finishes early takes the next, instead of waiting for a slow one. */
const SHARES_PER_THREAD = 4;
/** Fewer groups than this are outlined on the calling thread. */
const SMALL_JOB_GROUPS = 50;
/** Idle workers exit after this long; the next job starts them again. */
const IDLE_MS = 60_000;

let pool: Piscina | null = null;
/** Why the workers last failed, if they did (the answer then came from this thread). */
let lastFailure: unknown = null;

/** Why the workers last failed, or null: tests check that the threads really answer. */
export const zoneWorkersFailure = (): unknown => lastFailure;

function zonePool(): Piscina {
  if (pool) return pool;
  pool = new Piscina({
    filename: new URL('./zone-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: THREADS,
    idleTimeout: IDLE_MS,
    execArgv: [],
  });
  // A worker that dies fails its task (handled where it runs); the pool itself must not throw.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `task` on a worker, or on this thread when the workers cannot: a broken pool costs speed,
 * never an answer.
 */
async function onWorker<Task, Answer>(name: 'outlines', task: Task, here: (task: Task) => Answer): Promise<Answer> {
  try {
    return (await zonePool().run(task, { name })) as Answer;
  } catch (error) {
    lastFailure = error;
    return here(task);
  }
}

/** Stops the workers (tests and shutdown); a later job starts new ones. */
export async function closeZoneWorkers(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}

export interface OutlineGroup {
  shapes: readonly MetricShape[];
  links: readonly ShapeLink[];
}

function outlinesTask(groups: readonly OutlineGroup[], gapM: number, proj: string): GroupOutlinesTask {
  const groupStarts = [0];
  for (const group of groups) groupStarts.push((groupStarts.at(-1) ?? 0) + group.shapes.length);
  return { shapes: packShapes(groups.flatMap((g) => g.shapes)), groupStarts, links: groups.map((g) => [...g.links]), gapM, proj };
}

const asMultiPolygon = (coordinates: number[][][][] | undefined): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: coordinates ?? [],
});

/** Each group's outline (core/zones/zone-outline.ts) in longitude/latitude, in the order given. */
export async function outlinesOfGroups(groups: readonly OutlineGroup[], gapM: number, proj: string): Promise<MultiPolygon[]> {
  if (groups.length < SMALL_JOB_GROUPS || THREADS === 1)
    return unpackOutlines(groupOutlines(outlinesTask(groups, gapM, proj))).map(asMultiPolygon);
  // Dealt largest first to the lightest share, so each share has about the same number of vertices.
  const order = groups
    .map((group, k) => ({ k, vertices: group.shapes.reduce((n, s) => n + s.xy.length, 0) }))
    .sort((a, b) => b.vertices - a.vertices);
  const shares = Array.from({ length: THREADS * SHARES_PER_THREAD }, () => ({ ks: [] as number[], vertices: 0 }));
  for (const item of order) {
    const lightest = shares.reduce((best, share) => (share.vertices < best.vertices ? share : best));
    lightest.ks.push(item.k);
    lightest.vertices += item.vertices;
  }
  const answers = await Promise.all(
    shares.map((share) => {
      const task = outlinesTask(
        share.ks.map((k) => groups[k] as OutlineGroup),
        gapM,
        proj,
      );
      return onWorker('outlines', task, groupOutlines).then(unpackOutlines);
    }),
  );
  const outlines = new Array<MultiPolygon>(groups.length);
  shares.forEach((share, s) => share.ks.forEach((k, n) => (outlines[k] = asMultiPolygon(answers[s]?.[n]))));
  return outlines;
}
