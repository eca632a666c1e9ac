/** A worker thread of zone-workers.ts: each export is one kind of task (piscina calls it by name). */
import { groupOutlines, type GroupOutlinesTask, type PackedOutlines } from '../../../core/zones/zone-tasks.js';

export function outlines(task: GroupOutlinesTask): PackedOutlines {
  return groupOutlines(task);
}
