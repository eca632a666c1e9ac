import { describe, expect, it } from 'vitest';
import type { EstateApiFeature, EstateApiProperties } from '../../client/src/api/types';
import { problemOf } from '../../client/src/api/estate-writes';
import { compareRows } from '../../client/src/features/edit/compare';
import {
  changedProperties,
  EMPTY_FORM_VALUES,
  formValuesOf,
  ruleEligibility,
  validateFormValues,
  writePropertiesOf,
} from '../../client/src/features/edit/form-model';
import { buildSaveRequest } from '../../client/src/features/edit/save-estate';

const YEAR = 2026;
const valid = { ...EMPTY_FORM_VALUES, name: '测试小区', yearBuilt: 1995, households: 120, buildings: 4, floorAreaM2: 9000 };

const ring = [
  [109.41, 24.31],
  [109.411, 24.31],
  [109.411, 24.311],
  [109.41, 24.31],
];
const stored = {
  type: 'Feature',
  id: 12,
  geometry: { type: 'MultiPolygon', coordinates: [[ring]] },
  properties: {
    ...writePropertiesOf(valid),
    id: 12,
    districtCode: 'D1',
    subdistrictCode: 'S1',
    communityCode: 'C1',
    district: '城中区',
    subdistrict: '潭中街道',
    community: '南门社区',
    landAreaM2: 5600,
    eligible: true,
    importLayerId: null,
    version: 3,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  } as EstateApiProperties,
} as EstateApiFeature;

describe('the attribute form rules (core/estate-schema.ts)', () => {
  it('accepts a complete, plausible estate', () => {
    expect(validateFormValues(valid, YEAR)).toEqual({});
  });

  it('requires a name', () => {
    expect(Object.keys(validateFormValues({ ...valid, name: '  ' }, YEAR))).toEqual(['name']);
  });

  it('rejects negative or fractional counts, negative floor area and years outside 1900–this year', () => {
    const errors = validateFormValues({ ...valid, households: -1, buildings: 2.5, floorAreaM2: -3, yearBuilt: YEAR + 1 }, YEAR);
    expect(Object.keys(errors).sort()).toEqual(['buildings', 'floorAreaM2', 'households', 'yearBuilt']);
    expect(validateFormValues({ ...valid, yearBuilt: 1899 }, YEAR).yearBuilt).toContain('1900');
  });

  it('keeps willingness between 0 and 100 %', () => {
    expect(validateFormValues({ ...valid, willingnessPct: 101 }, YEAR).willingnessPct).toBeDefined();
    expect(validateFormValues({ ...valid, willingnessPct: 100 }, YEAR)).toEqual({});
  });

  it('requires a reason for an eligibility override, and none when following the year', () => {
    expect(Object.keys(validateFormValues({ ...valid, eligibility: 'exclude' }, YEAR))).toEqual(['eligibilityOverrideReason']);
    expect(validateFormValues({ ...valid, eligibility: 'exclude', eligibilityOverrideReason: '已纳入拆迁计划' }, YEAR)).toEqual({});
    expect(writePropertiesOf({ ...valid, eligibilityOverrideReason: 'stale text' })).toMatchObject({
      eligibilityOverride: null,
      eligibilityOverrideReason: null,
    });
  });

  it('follows the cut-off year unless overridden: ≤ 2000 is included', () => {
    expect(ruleEligibility(2000, 2000)).toBe(true);
    expect(ruleEligibility(2001, 2000)).toBe(false);
    expect(ruleEligibility(null, 2000)).toBe(false);
  });

  it('leaves an empty sub-district and community out so the server fills them from the location', () => {
    const properties = writePropertiesOf(valid);
    expect('subdistrictCode' in properties).toBe(false);
    expect('communityCode' in properties).toBe(false);
    expect(writePropertiesOf({ ...valid, subdistrictCode: 'S2' }).subdistrictCode).toBe('S2');
  });

  it('round-trips a stored estate through the form without changes', () => {
    const values = formValuesOf(stored.properties);
    expect(changedProperties(stored.properties, writePropertiesOf(values))).toEqual({});
  });
});

describe('what Save sends', () => {
  it('POSTs a new estate with its polygon', () => {
    const request = buildSaveRequest(null, [ring], writePropertiesOf(valid));
    expect(request).toMatchObject({ kind: 'create', geometry: { type: 'Polygon', coordinates: [ring] } });
  });

  it('PATCHes only the changed properties with the version the edit started from', () => {
    const request = buildSaveRequest(stored, [ring], writePropertiesOf({ ...formValuesOf(stored.properties), households: 130 }));
    expect(request).toEqual({ kind: 'patch', id: 12, patch: { version: 3, properties: { households: 130 } } });
  });

  it('sends the geometry only when the outline changed', () => {
    const moved = ring.map(([lng = 0, lat = 0]) => [lng + 0.0001, lat]);
    const request = buildSaveRequest(stored, [moved], writePropertiesOf(formValuesOf(stored.properties)));
    expect(request).toEqual({ kind: 'patch', id: 12, patch: { version: 3, geometry: { type: 'Polygon', coordinates: [moved] } } });
  });

  it('sends nothing when nothing changed', () => {
    expect(buildSaveRequest(stored, [ring], writePropertiesOf(formValuesOf(stored.properties)))).toEqual({ kind: 'nothing' });
  });
});

describe('a refused save', () => {
  it('reads overlaps and the current record from the error details', () => {
    expect(problemOf(409, 'overlap', { overlaps: [{ id: 3, name: 'A', overlapM2: 12.5 }, { bad: true }] })).toEqual({
      kind: 'overlap',
      overlaps: [{ id: 3, name: 'A', overlapM2: 12.5 }],
    });
    expect(problemOf(409, 'version_conflict', { current: stored })).toEqual({ kind: 'version_conflict', current: stored });
    expect(problemOf(409, 'version_conflict', { current: null })).toEqual({ kind: 'version_conflict', current: null });
    expect(problemOf(422, 'too_many_vertices', undefined)).toEqual({ kind: 'invalid_geometry', code: 'too_many_vertices' });
    expect(problemOf(400, 'invalid_request', undefined)).toEqual({ kind: 'invalid_request' });
  });

  it('compares my fields with theirs, listing only the differences and a changed outline', () => {
    const mine = writePropertiesOf({ ...formValuesOf(stored.properties), name: '我的名字' });
    expect(compareRows(mine, stored, true)).toEqual([
      { field: 'name', mine: '我的名字', theirs: '测试小区' },
      { field: 'geometry', mine: null, theirs: null },
    ]);
  });
});
