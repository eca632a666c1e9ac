/**
 * The neighbour relation and zone splitting of core/zones: polygon distances against the
 * closed-form distance between rectangles, the flatbush search against all pairs, and the cap
 * splitting's promises (every estate once, caps kept, every zone connected).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectRing, rectShape as rect, type Rect } from '../helpers/test-polygons.js';
import { packRings, shapeDistance } from '../../core/zones/metric-shape.js';
import { adjacency, connectedComponents, neighbourLinks } from '../../core/zones/neighbour-graph.js';
import { exceedsCaps, splitByCaps } from '../../core/zones/split-zones.js';
import { groupEstates, type ZoneCandidateEstate } from '../../core/zones/suggest-zones.js';

const groupIds = (...args: Parameters<typeof groupEstates>): number[][] => groupEstates(...args).map((group) => group.estateIds);

/** The distance between two axis-aligned rectangles, in closed form. */
function rectDistance(a: Rect, b: Rect): number {
  const dx = Math.max(0, b[0] - a[2], a[0] - b[2]);
  const dy = Math.max(0, b[1] - a[3], a[1] - b[3]);
  return Math.hypot(dx, dy);
}

const rectArb = fc
  .tuple(
    fc.integer({ min: 0, max: 2000 }),
    fc.integer({ min: 0, max: 2000 }),
    fc.integer({ min: 5, max: 300 }),
    fc.integer({ min: 5, max: 300 }),
  )
  .map(([x, y, w, h]): Rect => [x, y, x + w, y + h]);

describe('shapeDistance', () => {
  it('measures two squares across a 30 m road as 30 m, touching ones as 0 and diagonal corners by Pythagoras', () => {
    expect(shapeDistance(rect([0, 0, 100, 100]), rect([130, 0, 230, 100]))).toBeCloseTo(30, 12);
    expect(shapeDistance(rect([0, 0, 100, 100]), rect([100, 20, 200, 80]))).toBe(0);
    expect(shapeDistance(rect([0, 0, 100, 100]), rect([130, 140, 200, 200]))).toBeCloseTo(50, 12);
  });

  it('is 0 for a shape inside another and the distance to the hole for a shape inside a courtyard', () => {
    expect(shapeDistance(rect([0, 0, 300, 300]), rect([100, 100, 120, 120]))).toBe(0);
    const courtyard = packRings([rectRing([0, 0, 300, 300]), rectRing([100, 100, 200, 200])]);
    expect(shapeDistance(courtyard, rect([120, 130, 150, 150]))).toBeCloseTo(20, 12);
  });

  it('answers Infinity beyond the limit and the exact distance within it', () => {
    expect(shapeDistance(rect([0, 0, 10, 10]), rect([100, 0, 110, 10]), 50)).toBe(Infinity);
    expect(shapeDistance(rect([0, 0, 10, 10]), rect([40, 0, 50, 10]), 50)).toBeCloseTo(30, 12);
  });

  it('agrees with the closed-form rectangle distance on 2 000 random pairs', () => {
    fc.assert(
      fc.property(rectArb, rectArb, (a, b) => {
        expect(shapeDistance(rect(a), rect(b))).toBeCloseTo(rectDistance(a, b), 9);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });
});

describe('neighbourLinks', () => {
  it('finds exactly the pairs within the gap that a comparison of all pairs finds', () => {
    fc.assert(
      fc.property(fc.array(rectArb, { minLength: 2, maxLength: 60 }), fc.integer({ min: 1, max: 120 }), (rects, gapM) => {
        const shapes = rects.map(rect);
        const found = neighbourLinks(shapes, gapM).map((l) => `${l.a}-${l.b}`);
        const expected: string[] = [];
        for (let a = 0; a < rects.length; a++)
          for (let b = a + 1; b < rects.length; b++) {
            const ra = rects[a];
            const rb = rects[b];
            if (ra && rb && rectDistance(ra, rb) <= gapM) expected.push(`${a}-${b}`);
          }
        expect(found.sort()).toEqual(expected.sort());
      }),
      { numRuns: 200, seed: 20261201 },
    );
  });
});

describe('connectedComponents', () => {
  it('groups a chain and leaves an isolated node alone', () => {
    const links = [
      { a: 0, b: 1, distanceM: 1 },
      { a: 1, b: 2, distanceM: 1 },
      { a: 3, b: 4, distanceM: 1 },
    ];
    expect(
      connectedComponents(6, links)
        .map((c) => c.join(','))
        .sort(),
    ).toEqual(['0,1,2', '3,4', '5']);
  });
});

/** A row of `n` estates 100 m wide, 20 m apart: a chain in the neighbour graph. */
function row(n: number, households: (i: number) => number | null): ZoneCandidateEstate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    shape: rect([i * 120, 0, i * 120 + 100, 100]),
    households: households(i),
    subdistrictCode: i < n / 2 ? 'A' : 'B',
  }));
}

function isConnected(ids: readonly number[], estates: readonly ZoneCandidateEstate[], gapM: number): boolean {
  const members = estates.filter((e) => ids.includes(e.id));
  return (
    connectedComponents(
      members.length,
      neighbourLinks(
        members.map((m) => m.shape),
        gapM,
      ),
    ).length === 1
  );
}

describe('splitting by caps', () => {
  it('keeps each zone within the household cap, connected, and every estate in exactly one zone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 50, max: 900 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 900, max: 4000 }),
        (households, maxHouseholds) => {
          const estates = row(households.length, (i) => households[i] ?? 0);
          const groups = groupIds(estates, { gapM: 50, maxHouseholds, maxEstates: null, sameSubdistrict: false });
          expect(
            groups
              .flat()
              .sort((a, b) => a - b)
              .join(','),
          ).toBe(estates.map((e) => e.id).join(','));
          for (const group of groups) {
            const total = group.reduce((sum, id) => sum + (households[id - 1] ?? 0), 0);
            expect(total).toBeLessThanOrEqual(maxHouseholds);
            expect(isConnected(group, estates, 50)).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('keeps the estate cap, and puts an estate larger than the household cap in a zone of its own', () => {
    const estates = row(7, (i) => (i === 3 ? 5000 : 100));
    const groups = groupIds(estates, { gapM: 50, maxHouseholds: 1000, maxEstates: 2, sameSubdistrict: false });
    expect(groups).toContainEqual([4]);
    for (const group of groups) expect(group.length).toBeLessThanOrEqual(2);
    const candidates = estates.map((e) => ({ households: e.households, centre: [0, 0] as const }));
    expect(exceedsCaps([0, 1, 2], candidates, { maxHouseholds: null, maxEstates: 2 })).toBe(true);
  });

  it('never mixes sub-districts when the rule asks for it, and equals the components without caps', () => {
    const estates = row(10, () => 100);
    const split = groupIds(estates, { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: true });
    expect(split).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    const whole = groupIds(estates, { gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false });
    expect(whole).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  });

  it('grows compact zones: a 4 × 4 block split into 4-estate zones gives squares, not strips', () => {
    const grid: ZoneCandidateEstate[] = [];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        grid.push({
          id: i * 4 + j + 1,
          shape: rect([i * 120, j * 120, i * 120 + 100, j * 120 + 100]),
          households: 100,
          subdistrictCode: null,
        });
    const neighbours = adjacency(
      16,
      neighbourLinks(
        grid.map((g) => g.shape),
        50,
      ),
    );
    const zones = splitByCaps(
      grid.map((_, k) => k),
      neighbours,
      grid.map((g) => ({
        households: g.households,
        centre: [(g.shape.minX + g.shape.maxX) / 2, (g.shape.minY + g.shape.maxY) / 2] as const,
      })),
      { maxHouseholds: null, maxEstates: 4 },
    );
    expect(zones).toHaveLength(4);
    for (const zone of zones) {
      const xs = new Set(zone.map((k) => Math.floor(k / 4)));
      const ys = new Set(zone.map((k) => k % 4));
      expect([xs.size, ys.size]).toEqual([2, 2]);
    }
  });
});
