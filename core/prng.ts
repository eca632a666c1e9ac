/**
 * Seeded pseudo-random numbers, so generated demo data and benchmarks repeat exactly.
 * mulberry32 by Tommy Ettinger (public domain).
 * @example const rand = createRng(42); rand() // 0 ≤ x < 1, same sequence every run
 */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A shuffled copy of `items` (Fisher–Yates), driven by a seeded generator.
 * @example shuffled([1, 2, 3], createRng(1)) // same order every run
 */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
