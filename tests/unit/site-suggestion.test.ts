/** Greedy site choice (core/coverage/site-suggestion.ts) on hand-checkable cases, and how close it comes to the exact best on small ones. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metresPerDegree } from '../../core/coverage/ellipsoid-distance.js';
import { estateOrigins } from '../../core/coverage/estate-origins.js';
import { originDistanceM } from '../../core/coverage/facility-index.js';
import { candidateReach, greedySites, type SiteCandidate } from '../../core/coverage/site-suggestion.js';
import { squareAround } from '../helpers/test-polygons.js';

const cand = (reaches: number[]): SiteCandidate => ({ lng: 0, lat: 0, reaches });

/** The best households any `k` candidates cover together, by trying every choice. */
function exactBest(candidates: readonly SiteCandidate[], households: readonly number[], k: number): number {
  let best = 0;
  const choose = (from: number, left: number, covered: Set<number>) => {
    best = Math.max(
      best,
      [...covered].reduce((sum, i) => sum + households[i]!, 0),
    );
    if (left === 0) return;
    for (let c = from; c < candidates.length; c++) choose(c + 1, left - 1, new Set([...covered, ...candidates[c]!.reaches]));
  };
  choose(0, k, new Set());
  return best;
}

describe('greedy site choice', () => {
  it('picks the site covering the most households first, then the most of those left', () => {
    const households = [10, 50, 10, 30];
    const picks = greedySites([cand([0, 1]), cand([1, 2]), cand([3])], households, 3, [101, 102, 103, 104]);
    expect(picks.map((p) => [p.households, p.estateIds])).toEqual([
      [60, [101, 102]],
      [30, [104]],
      [10, [103]],
    ]);
  });

  it('stops when no site covers anyone new', () => {
    expect(greedySites([cand([0]), cand([0])], [5], 5)).toHaveLength(1);
    expect(greedySites([cand([])], [5], 5)).toEqual([]);
  });

  it('comes within 1 − 1/e of the exact best on small random cases (and says how close it came)', () => {
    let worst = 1;
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { maxLength: 6 }), { minLength: 3, maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 15, maxLength: 15 }),
        fc.integer({ min: 1, max: 3 }),
        (reaches, households, k) => {
          const candidates = reaches.map(cand);
          const greedy = greedySites(candidates, households, k).reduce((sum, p) => sum + p.households, 0);
          const best = exactBest(candidates, households, k);
          if (best > 0) worst = Math.min(worst, greedy / best);
          expect(greedy).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9);
          expect(greedy).toBeLessThanOrEqual(best);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
    console.log(`greedy / exact best on 300 random cases (K ≤ 3): worst ${worst.toFixed(3)}`);
  });
});

describe('what a candidate reaches in a straight line', () => {
  it('reaches exactly the uncovered estates within the radius', () => {
    const scale = metresPerDegree(24.31);
    const estates = [0, 250, 320, 600].map((east, i) => ({
      id: i + 1,
      households: 10,
      origins: estateOrigins(squareAround(109.41 + east / scale.x, 24.31, 20), []),
    }));
    const site: [number, number, number] = [109.41 - 100 / scale.x, 24.31, -1];
    const [reach] = candidateReach(estates, [true, true, false, true], [site], 300, null);
    const expected = estates.map((e, i) => i).filter((i) => i !== 2 && originDistanceM(estates[i]!.origins, site[0], site[1]) <= 300);
    expect(reach?.reaches.sort()).toEqual(expected);
    expect(expected).toEqual([0]);
  });
});
