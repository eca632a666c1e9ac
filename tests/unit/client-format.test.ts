import { describe, expect, it } from 'vitest';
import { formatDateTime, formatHeadlineArea, formatNumber, localeOf, M2_PER_MU, m2ToMu, toWanM2 } from '../../client/src/shared/format';

describe('亩 conversion', () => {
  it('takes one 亩 as 666.67 m², a fifteenth of a hectare', () => {
    expect(M2_PER_MU).toBeCloseTo(666.67, 2);
    expect(m2ToMu(666.67)).toBeCloseTo(1, 4);
  });

  it('makes a hectare exactly 15 亩', () => {
    expect(m2ToMu(10_000)).toBe(15);
    expect(m2ToMu(0)).toBe(0);
  });
});

describe('万m²', () => {
  it('divides square metres by ten thousand', () => {
    expect(toWanM2(435_000)).toBe(43.5);
    expect(toWanM2(10_000)).toBe(1);
  });
});

describe('number formatting', () => {
  it('groups thousands with commas in both languages', () => {
    expect(formatNumber(8593, 'zh')).toBe('8,593');
    expect(formatNumber(8593, 'en')).toBe('8,593');
    expect(formatNumber(1_234_567, 'zh')).toBe('1,234,567');
  });

  it('rounds to whole numbers unless told otherwise', () => {
    expect(formatNumber(12.6, 'en')).toBe('13');
    expect(formatNumber(43.456, 'zh', 2)).toBe('43.46');
    expect(formatNumber(43.5, 'en', 2)).toBe('43.50');
  });

  it('formats each language and precision as toLocaleString does, whatever was formatted before', () => {
    for (const [value, digits] of [
      [1234.5678, 0],
      [1234.5678, 1],
      [0.005, 2],
      [-98765.4321, 3],
      [1234.5678, 0],
    ] as const)
      for (const language of ['zh', 'en'] as const)
        expect(formatNumber(value, language, digits)).toBe(
          value.toLocaleString(localeOf(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }),
        );
  });

  it('uses the Chinese and British locales', () => {
    expect(localeOf('zh')).toBe('zh-CN');
    expect(localeOf('en')).toBe('en-GB');
  });
});

describe('date formatting', () => {
  // Noon UTC stays on the same calendar day in every time zone from UTC−11 to UTC+11.
  const noon = '2024-03-05T12:00:00Z';

  it('writes year/month/day in Chinese order and day/month/year in British order', () => {
    expect(formatDateTime(noon, 'zh')).toMatch(/^2024\/03\/05 \d\d:\d\d$/);
    expect(formatDateTime(noon, 'en')).toMatch(/^05\/03\/2024, \d\d:\d\d$/);
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatDateTime('not a date', 'zh')).toBe('not a date');
  });
});

describe('headline areas', () => {
  it('shows 万m² with two decimals in Chinese', () => {
    expect(formatHeadlineArea(435_000, 'zh')).toEqual({ value: '43.50', unit: '万m²' });
  });

  it('shows whole square metres with separators in English, never "10k m²"', () => {
    expect(formatHeadlineArea(435_000, 'en')).toEqual({ value: '435,000', unit: 'm²' });
    expect(formatHeadlineArea(1234.6, 'en')).toEqual({ value: '1,235', unit: 'm²' });
  });
});
