import { describe, expect, it } from 'vitest';
import { zoneRulesOf, type ZoneSuggestion } from '../../client/src/api';
import { acceptSuggestions } from '../../client/src/features/zones/accept-suggestions';
import { suggestBodyOf } from '../../client/src/features/zones/suggest-params';
import { commonSubdistrictCode, majoritySubdistrict, nextZoneName } from '../../client/src/features/zones/zone-naming';

const SUBDISTRICTS = [
  { code: 'S01', name: '城中街道' },
  { code: 'S05', name: '水上街道' },
];

describe('naming a new zone', () => {
  it('proposes the common sub-district of the members, none when they differ or one is unknown', () => {
    expect(commonSubdistrictCode([{ subdistrict: '水上街道' }, { subdistrict: '水上街道' }], SUBDISTRICTS)).toBe('S05');
    expect(commonSubdistrictCode([{ subdistrict: '水上街道' }, { subdistrict: '城中街道' }], SUBDISTRICTS)).toBeNull();
    expect(commonSubdistrictCode([{ subdistrict: '水上街道' }, { subdistrict: null }], SUBDISTRICTS)).toBeNull();
    expect(commonSubdistrictCode([], SUBDISTRICTS)).toBeNull();
  });

  it('names a zone after the sub-district most members lie in', () => {
    expect(majoritySubdistrict([{ subdistrict: 'A' }, { subdistrict: 'B' }, { subdistrict: 'B' }, { subdistrict: null }])).toBe('B');
    expect(majoritySubdistrict([{ subdistrict: null }])).toBeNull();
  });

  it('numbers zones from 1, skipping names already taken', () => {
    expect(nextZoneName('水上街道', 'zh', [])).toBe('水上街道片区1');
    expect(nextZoneName('水上街道', 'zh', ['水上街道片区1', '水上街道片区2'])).toBe('水上街道片区3');
    expect(nextZoneName('水上街道', 'en', ['水上街道 zone 1'])).toBe('水上街道 zone 2');
    expect(nextZoneName(null, 'en', [])).toBe('Zone 1');
  });
});

describe('accepting several suggestions', () => {
  const suggestion = (ids: number[]): ZoneSuggestion => ({
    estateIds: ids,
    outline: { type: 'MultiPolygon', coordinates: [] },
    totals: {
      estates: ids.length,
      households: 0,
      floorAreaM2: 0,
      buildings: 0,
      landAreaM2: 0,
      eligible: 0,
      urgent: 0,
      unknown: { households: 0, floorAreaM2: 0, buildings: 0 },
    },
  });

  it('creates each with a fresh name, reports progress, and goes on past a refused one', async () => {
    const names: string[] = [];
    const progress: string[] = [];
    const report = await acceptSuggestions([suggestion([1, 2]), suggestion([3, 4]), suggestion([5, 6])], ['片区1'], {
      nameFor: (_s, taken) => nextZoneName(null, 'zh', taken),
      create: (name, s) => {
        names.push(name);
        return Promise.resolve(s.estateIds[0] === 3 ? { ok: false, message: '小区已属于片区' } : { ok: true });
      },
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(names).toEqual(['片区2', '片区3', '片区4']);
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect(report).toEqual({ created: 2, failures: [{ name: '片区3', message: '小区已属于片区' }] });
  });
});

describe('suggestion parameters', () => {
  const params = { gapM: 50, maxHouseholds: null, maxEstates: 6, sameSubdistrict: true, includeNonEligible: false };

  it('asks with the caps as typed (empty = no cap) and eligible estates only unless neighbours are included', () => {
    expect(suggestBodyOf(params)).toEqual({ gapM: 50, maxHouseholds: null, maxEstates: 6, sameSubdistrict: true, eligibleOnly: true });
    expect(suggestBodyOf({ ...params, includeNonEligible: true })?.eligibleOnly).toBe(false);
  });

  it('asks nothing while the gap is empty or out of bounds', () => {
    expect(suggestBodyOf({ ...params, gapM: null })).toBeNull();
    expect(suggestBodyOf({ ...params, gapM: 0 })).toBeNull();
    expect(suggestBodyOf({ ...params, gapM: 501 })).toBeNull();
  });

  it("reads the city's zone rules from the configuration, with the design defaults for what is missing", () => {
    expect(zoneRulesOf({ zoneRules: { gapM: 80, maxHouseholds: 3000, maxEstates: null, sameSubdistrict: true } })).toEqual({
      gapM: 80,
      maxHouseholds: 3000,
      maxEstates: null,
      sameSubdistrict: true,
    });
    expect(zoneRulesOf({})).toEqual({ gapM: 50, maxHouseholds: null, maxEstates: null, sameSubdistrict: false });
    expect(zoneRulesOf({ zoneRules: { gapM: -1, maxHouseholds: 'x' } })).toEqual({
      gapM: 50,
      maxHouseholds: null,
      maxEstates: null,
      sameSubdistrict: false,
    });
  });
});
