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
