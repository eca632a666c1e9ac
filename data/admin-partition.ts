/**
 * Splits the cells of the street grid into administrative units by recursive bisection along
 * grid lines, balancing a weight (estates, plus a little for land). Every unit is a rectangle
 * of cell indices cut by the convex ring, so its outline is one convex ring whose edges follow
 * street centre lines.
 */

export interface PartitionItem {
  /** Index of the cell in StreetGrid.cells. */
  cell: number;
  i: number;
  j: number;
  weight: number;
  /** Whether the cell holds an estate: each part gets at least one such cell where there are enough. */
  core: boolean;
  /** Cell centroid, to choose the longer axis. */
  u: number;
  v: number;
}

/**
 * Splits items into `parts` groups (fewer when there are fewer items), each a rectangle of
 * (i, j) indices, with weights as even as a cut along a grid line allows.
 * @example partitionCells(items, 7).length // 7
 */
export function partitionCells(items: readonly PartitionItem[], parts: number): PartitionItem[][] {
  if (parts <= 1 || items.length <= 1) return [items.slice()];
  const k = Math.min(parts, items.length);
  const k1 = Math.floor(k / 2);
  const k2 = k - k1;
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (const it of items) {
    uMin = Math.min(uMin, it.u);
    uMax = Math.max(uMax, it.u);
    vMin = Math.min(vMin, it.v);
    vMax = Math.max(vMax, it.v);
  }
  const axes: ('i' | 'j')[] = uMax - uMin >= vMax - vMin ? ['i', 'j'] : ['j', 'i'];
  const total = items.reduce((sum, it) => sum + it.weight, 0);
  const cores = items.reduce((sum, it) => sum + (it.core ? 1 : 0), 0);
  // First try cuts that leave every part a cell with estates, then any cut.
  for (const needCores of cores >= k ? [true, false] : [false]) {
    for (const axis of axes) {
      const other = axis === 'i' ? 'j' : 'i';
      const sorted = items.slice().sort((a, b) => a[axis] - b[axis] || a[other] - b[other]);
      let best = -1;
      let bestScore = Infinity;
      let leftWeight = 0;
      let leftCores = 0;
      for (let n = 0; n < sorted.length - 1; n++) {
        const item = sorted[n] as PartitionItem;
        leftWeight += item.weight;
        if (item.core) leftCores++;
        if (item[axis] === (sorted[n + 1] as PartitionItem)[axis]) continue;
        const leftCount = n + 1;
        if (leftCount < k1 || sorted.length - leftCount < k2) continue;
        if (needCores && (leftCores < k1 || cores - leftCores < k2)) continue;
        const score = Math.abs(leftWeight / total - k1 / k);
        if (score < bestScore) {
          bestScore = score;
          best = leftCount;
        }
      }
      if (best > 0) {
        return [...partitionCells(sorted.slice(0, best), k1), ...partitionCells(sorted.slice(best), k2)];
      }
    }
  }
  return [items.slice()];
}

/**
 * Shares `total` among groups in proportion to their weights (largest remainder), at least
 * `min` each where the total allows.
 * @example apportion([3, 1], 4, 1) // [3, 1]
 */
export function apportion(weights: readonly number[], total: number, min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const floors = weights.map((w) => Math.max(min, Math.floor(sum > 0 ? (w / sum) * total : total / weights.length)));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, index) => ({ index, frac: (sum > 0 ? (w / sum) * total : 0) % 1 }))
    .sort((a, b) => b.frac - a.frac || a.index - b.index);
  for (let n = 0; rest > 0; n = (n + 1) % order.length, rest--) {
    const at = (order[n] as { index: number }).index;
    floors[at] = (floors[at] as number) + 1;
  }
  for (let n = order.length - 1; rest < 0 && n >= 0; n--) {
    const at = (order[n] as { index: number }).index;
    if ((floors[at] as number) > min) {
      floors[at] = (floors[at] as number) - 1;
      rest++;
    }
  }
  return floors;
}
