/**
 * Issue 7, item 4: the ledger's rules accept only what PostgreSQL stores — text without NUL or
 * unpaired surrogates within each field's registry limit, integers within int4 — and the query
 * values of the read routes follow the same text rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEstateFields } from '../../core/estate-schema.js';
import { INPUT_FIELDS, INT4_MAX, maxCharsOf } from '../../core/ledger-fields.js';
import { problemMessage } from '../../core/problems.js';
import { isSafeText, unsafeTextReason } from '../../core/safe-text.js';
import { estateFilterQuery, estateListQuery } from '../../server/http/query-schemas.js';

const YEAR = 2026;

describe('unsafeTextReason', () => {
  it.each([
    ['a\u0000b', 'nul'],
    ['\uD800', 'lone_surrogate'],
    ['x\uDBFFy', 'lone_surrogate'],
    ['\uDC00', 'lone_surrogate'],
    ['\uDC00\uD800', 'lone_surrogate'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(unsafeTextReason(text)).toBe(reason);
    expect(isSafeText(text)).toBe(false);
  });

  it.each(['', '柳东小区', '😀 paired surrogates', 'tab\tand\nnewline', '\uFFFD'])('accepts %j', (text) => {
    expect(unsafeTextReason(text)).toBeNull();
  });
});

describe('the notes rule on arbitrary text', () => {
  it('accepts any well-formed text and refuses it once a NUL or a lone surrogate is inserted', () => {
    const piece = fc.string({ unit: 'grapheme', maxLength: 20 });
    const bad = fc.constantFrom('\u0000', '\uD800', '\uDFFF');
    fc.assert(
      fc.property(piece, bad, piece, (before, inserted, after) => {
        expect(parseEstateFields({ name: '小区', notes: before + after }, YEAR).ok).toBe(true);
        expect(parseEstateFields({ name: '小区', notes: before + inserted + after }, YEAR).ok).toBe(false);
      }),
    );
  });
});

describe('ledger field rules', () => {
  const textFields = INPUT_FIELDS.filter((field) => field.kind === 'text');
  const integerFields = INPUT_FIELDS.filter((field) => field.kind === 'integer' || field.kind === 'year');

  it('gives every text field a length limit in the registry', () => {
    for (const field of textFields) expect(maxCharsOf(field), field.key).toBeGreaterThan(0);
  });

  it.each(textFields.map((field) => field.key))('refuses a NUL and a lone surrogate in %s with unsafe_text', (key) => {
    for (const bad of ['a\u0000', 'b\uD800c']) {
      const result = parseEstateFields({ name: '小区', [key]: bad }, YEAR);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => [issue.field, issue.code])).toEqual([[key, 'unsafe_text']]);
    }
  });

  it.each(textFields.map((field) => [field.key, maxCharsOf(field) ?? 0] as const))(
    'accepts %s at its registry limit of %d and refuses one character more',
    (key, maxChars) => {
      expect(parseEstateFields({ name: '小区', [key]: 'x'.repeat(maxChars) }, YEAR).ok).toBe(true);
      const over = parseEstateFields({ name: '小区', [key]: 'x'.repeat(maxChars + 1) }, YEAR);
      expect(over.ok).toBe(false);
      if (!over.ok) expect(over.issues[0]?.code).toBe('too_long');
    },
  );

  it.each(integerFields.map((field) => field.key))('keeps %s within an int4 column', (key) => {
    for (const value of [INT4_MAX + 1, 2 ** 31, 3_000_000_000, -(2 ** 31) - 1]) {
      expect(parseEstateFields({ name: '小区', [key]: value }, YEAR).ok, `${key} = ${value}`).toBe(false);
    }
  });

  it('refuses a NUL in a unit code', () => {
    const result = parseEstateFields({ name: '小区', communityCode: 'C\u0000' }, YEAR);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.code).toBe('unsafe_text');
  });

  it('words unsafe_text in both languages with the field label', () => {
    expect(problemMessage('unsafe_text', { field: 'notes' }, 'zh')).toContain('备注');
    expect(problemMessage('unsafe_text', { field: 'notes' }, 'en')).toContain('Notes');
  });
});

describe('query values', () => {
  it.each(['\u0000', 'a\u0000b', '\uD800', 'x\uDC00'])('refuses district=%j', (district) => {
    expect(estateFilterQuery.safeParse({ district }).success).toBe(false);
    expect(estateListQuery.safeParse({ subdistrict: district }).success).toBe(false);
  });

  it('accepts a unit name', () => {
    expect(estateFilterQuery.safeParse({ district: '城中区' }).success).toBe(true);
  });

  it.each(['0', '1000001', '99999999999999999999', '1e3', '-1'])('refuses limit=%s', (limit) => {
    expect(estateListQuery.safeParse({ limit }).success).toBe(false);
  });
});
