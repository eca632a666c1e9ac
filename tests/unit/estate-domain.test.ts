import { describe, expect, it } from 'vitest';
import { DEFAULT_ELIGIBILITY_CUTOFF_YEAR, isEligible } from '../../core/estate.js';
import { FACILITY_CATALOGUE, TIER_DEFAULT_WALK_M, isFacilityTypeId } from '../../core/facility-catalogue.js';
import { createRng } from '../../core/prng.js';
import { loadConfig } from '../../server/config.js';

describe('eligibility', () => {
  it('includes estates built up to the end of 2000 by default and excludes later ones', () => {
    expect(DEFAULT_ELIGIBILITY_CUTOFF_YEAR).toBe(2000);
    expect(isEligible(2000)).toBe(true);
    expect(isEligible(2001)).toBe(false);
  });

  it('follows a city-configured cut-off year', () => {
    expect(isEligible(2004, 2005)).toBe(true);
    expect(isEligible(2006, 2005)).toBe(false);
  });
});

describe('life-circle facility catalogue', () => {
  it('lists the 23 facility types of GB 50180-2018 with unique ids', () => {
    expect(FACILITY_CATALOGUE).toHaveLength(23);
    expect(new Set(FACILITY_CATALOGUE.map((f) => f.id)).size).toBe(23);
  });

  it('uses the tier default radius wherever the standard gives none', () => {
    for (const facility of FACILITY_CATALOGUE) {
      if (facility.radiusSource === 'tier-default') expect(facility.maxWalkM).toBe(TIER_DEFAULT_WALK_M[facility.tier]);
    }
  });

  it('keeps the standard radii that differ from their tier (cultural station 500 m, waste point 70 m)', () => {
    expect(FACILITY_CATALOGUE.find((f) => f.id === 'cultural_station')?.maxWalkM).toBe(500);
    expect(FACILITY_CATALOGUE.find((f) => f.id === 'waste_point')?.maxWalkM).toBe(70);
  });

  it('recognises catalogue ids only', () => {
    expect(isFacilityTypeId('kindergarten')).toBe(true);
    expect(isFacilityTypeId('casino')).toBe(false);
  });
});

describe('seeded random numbers', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('configuration', () => {
  it('defaults to port 3000, the embedded database and the 2000 cut-off', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.pgliteDataDir).toMatch(/\.data\/pglite$/);
    expect(config.eligibilityCutoffYear).toBe(2000);
    expect(config.basemap).toEqual({ styleUrl: null, tiandituKey: null });
  });

  it('reads DATABASE_URL, PGLITE_DATA_DIR and the basemap settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/atlas',
      PGLITE_DATA_DIR: '/tmp/x',
      TIANDITU_TK: 'abc',
      ELIGIBILITY_CUTOFF_YEAR: '2005',
    });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/atlas');
    expect(config.pgliteDataDir).toBe('/tmp/x');
    expect(config.basemap.tiandituKey).toBe('abc');
    expect(config.eligibilityCutoffYear).toBe(2005);
  });

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
