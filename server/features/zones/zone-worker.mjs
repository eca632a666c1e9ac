// The entry of zone-workers.ts's threads. A worker starts without the tsx loader the main thread
// runs under (Node 20 applies no --import hooks to a worker's own entry), so it registers tsx
// itself, then loads the TypeScript tasks.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./zone-worker.ts');

export const outlines = tasks.outlines;
