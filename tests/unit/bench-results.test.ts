import { describe, expect, it } from 'vitest';
import { meetsTarget, resultsTable, type BenchLine } from '../bench/bench-results';

const line = (over: Partial<BenchLine>): BenchLine => ({
  name: 'a line',
  ours: 8,
  baseline: 10,
  unit: 'ms',
  baselineName: 'a baseline',
  ratio: 0.8,
  target: 1,
  ...over,
});

describe('bench results', () => {
  it('meets a target only when the ratio and the absolute limit both hold', () => {
    expect(meetsTarget(line({}))).toBe(true);
    expect(meetsTarget(line({ ratio: 1.2 }))).toBe(false);
    expect(meetsTarget(line({ limit: 16 }))).toBe(true);
    expect(meetsTarget(line({ limit: 5 }))).toBe(false);
    expect(meetsTarget(line({ target: null }))).toBeNull();
    expect(meetsTarget(line({ target: null, limit: 5 }))).toBe(false);
  });

  it('prints every line with its verdict, limit and date, one row each', () => {
    const table = resultsTable([
      line({ name: 'fast', measuredAt: '2026-12-03T10:00:00Z' }),
      line({ name: 'slow', ratio: 3, ours: 30, limit: 16 }),
      line({ name: 'told', target: null }),
    ]).split('\n');
    expect(table).toHaveLength(5);
    expect(table[2]).toMatch(/^fast .* met +2026-12-03$/);
    expect(table[3]).toMatch(/^slow .*≤ 1, ours ≤ 16 ms +NOT MET +undated$/);
    expect(table[4]).toMatch(/^told .* — +undated$/);
  });
});
