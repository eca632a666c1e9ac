import { describe, expect, it } from 'vitest';
import { auditDiff, auditSubjectName } from '../../client/src/features/audit/audit-diff';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [109.4, 24.3],
      [109.41, 24.3],
      [109.41, 24.31],
      [109.4, 24.3],
    ],
  ],
};
const stored = {
  id: 12,
  name: '柳钢小区',
  households: 120,
  floor_area_m2: 8400.5,
  property_type: 'housing_reform',
  urgent: false,
  version: 3,
  updated_at: '2026-12-01T10:00:00Z',
  geometry: square,
};

describe('the audit diff', () => {
  it('lists only the changed fields, labelled from the ledger registry by column, old → new', () => {
    const diff = auditDiff(stored, { ...stored, households: 126, urgent: true, version: 4, updated_at: '2026-12-01T11:00:00Z' }, 'zh');
    expect(diff.geometryChanged).toBe(false);
    expect(diff.fields).toEqual([
      { key: 'households', label: '户数', before: '120', after: '126' },
      { key: 'urgent', label: '急需改善', before: '否', after: '是' },
    ]);
  });

  it('words values in English with separators and category labels', () => {
    const diff = auditDiff(stored, { ...stored, floor_area_m2: 12000, property_type: 'commercial' }, 'en');
    expect(diff.fields.map((f) => [f.label, f.before, f.after])).toEqual([
      ['Floor area (m²)', '8,401', '12,000'],
      ['Property type', 'Housing reform', 'Commercial'],
    ]);
  });

  it('says the geometry changed instead of listing coordinates', () => {
    const moved = {
      ...square,
      coordinates: [
        [
          [109.5, 24.3],
          [109.51, 24.3],
          [109.51, 24.31],
          [109.5, 24.3],
        ],
      ],
    };
    const diff = auditDiff(stored, { ...stored, geometry: moved }, 'en');
    expect(diff).toEqual({ geometryChanged: true, fields: [] });
  });

  it('shows a created record as unknown → value and a deleted one as value → unknown', () => {
    expect(auditDiff(null, { households: 80 }, 'zh').fields).toEqual([{ key: 'households', label: '户数', before: '—', after: '80' }]);
    expect(auditDiff({ households: 80 }, null, 'zh').fields).toEqual([{ key: 'households', label: '户数', before: '80', after: '—' }]);
  });

  it('words a user record by the given labels, roles by their label and flags as yes/no', () => {
    const before = { username: 'a', role: 'planner', disabled: false };
    const after = { username: 'a', role: 'leader', disabled: true };
    expect(auditDiff(before, after, 'zh', { role: '角色', disabled: '已停用' }).fields).toEqual([
      { key: 'disabled', label: '已停用', before: '否', after: '是' },
      { key: 'role', label: '角色', before: '规划人员', after: '领导' },
    ]);
    // A key nobody labelled keeps its own name.
    expect(auditDiff({ team: 'x' }, { team: 'y' }, 'en').fields).toEqual([{ key: 'team', label: 'team', before: 'x', after: 'y' }]);
  });
});

describe('auditSubjectName', () => {
  it('names the estate after the change, the deleted estate from before, and a user by username', () => {
    expect(auditSubjectName({ before: { name: '旧名' }, after: { name: '新名' } })).toBe('新名');
    expect(auditSubjectName({ before: { name: '公安局宿舍' }, after: null })).toBe('公安局宿舍');
    expect(auditSubjectName({ before: null, after: { username: 'wang.li', role: 'leader' } })).toBe('wang.li');
    expect(auditSubjectName({ before: null, after: { households: 3 } })).toBeNull();
  });
});
