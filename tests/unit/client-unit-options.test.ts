import { describe, expect, it } from 'vitest';
import { unitOptions } from '../../client/src/shared/unit-options';

describe('unitOptions', () => {
  const units = [
    { code: '330102002', name: '湖滨街道' },
    { code: '330102001', name: '清波街道' },
  ];

  it('keeps the order given, the code as value and the name as label', () => {
    expect(unitOptions(units)).toEqual([
      { value: '330102002', label: '湖滨街道' },
      { value: '330102001', label: '清波街道' },
    ]);
  });

  it('sorts by code when asked, leaving the units as they were', () => {
    expect(unitOptions(units, true).map((o) => o.value)).toEqual(['330102001', '330102002']);
    expect(units[0]?.code).toBe('330102002');
  });
});
