/**
 * Whole numbers that add up to an exact total: the demo's published figures (435 000 m²,
 * 8 593 households) must come out exactly, with every estate inside its plausible range.
 */

/**
 * Integers x with ceil(lo[i]) ≤ x[i] ≤ floor(hi[i]) and Σx = total, as close as possible to
 * k·want[i] for one common factor k (found by bisection), remainders to the largest fractions.
 * @example allocateIntegers([1, 1, 2], [0, 0, 0], [10, 10, 10], 9) // [2, 2, 5] or similar
 */
export function allocateIntegers(want: readonly number[], lo: readonly number[], hi: readonly number[], total: number): number[] {
  const n = want.length;
  const ilo = lo.map((x) => Math.ceil(x));
  const ihi = hi.map((x) => Math.floor(x));
  const minSum = ilo.reduce((a, b) => a + b, 0);
  const maxSum = ihi.reduce((a, b) => a + b, 0);
  if (total < minSum || total > maxSum) {
    throw new Error(`Cannot reach ${total} within the bounds (${minSum}–${maxSum}); widen the ranges.`);
  }
  const at = (k: number, i: number): number => Math.min(ihi[i] as number, Math.max(ilo[i] as number, k * (want[i] as number)));
  const sumAt = (k: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += at(k, i);
    return s;
  };
  let kLo = 0;
  let kHi = 1;
  while (sumAt(kHi) < total) kHi *= 2;
  for (let iter = 0; iter < 80; iter++) {
    const mid = (kLo + kHi) / 2;
    if (sumAt(mid) < total) kLo = mid;
    else kHi = mid;
  }
  const real = want.map((_, i) => at(kHi, i));
  const out = real.map((x) => Math.floor(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = real.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  while (rest !== 0) {
    let moved = false;
    for (const { i } of rest > 0 ? order : order.slice().reverse()) {
      if (rest === 0) break;
      const x = out[i] as number;
      if (rest > 0 && x + 1 <= (ihi[i] as number)) {
        out[i] = x + 1;
        rest--;
        moved = true;
      } else if (rest < 0 && x - 1 >= (ilo[i] as number)) {
        out[i] = x - 1;
        rest++;
        moved = true;
      }
    }
    if (!moved) throw new Error('allocateIntegers could not place the remainder; the bounds are too tight.');
  }
  return out;
}
