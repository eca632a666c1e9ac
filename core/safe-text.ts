/**
 * Which texts the ledger can store and show. PostgreSQL refuses a NUL character in `text` and in
 * JSON (`\u0000`), and a lone UTF-16 surrogate is not Unicode: PostgreSQL's JSON refuses its
 * escape, and `pg` would silently store U+FFFD instead. Both are refused at the edge instead.
 */
import { z } from 'zod';

// Without the `u` flag a regular expression sees UTF-16 code units, so it can find unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeTextReason = 'nul' | 'lone_surrogate';

/**
 * Why a text cannot be stored, or null when it can.
 * @example unsafeTextReason('a\u0000b') // 'nul'; unsafeTextReason('小区') // null
 */
export function unsafeTextReason(text: string): UnsafeTextReason | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}

/**
 * Whether PostgreSQL can store the text as it is.
 * @example isSafeText('😀') // true; isSafeText('\uD800') // false
 */
export function isSafeText(text: string): boolean {
  return unsafeTextReason(text) === null;
}

/**
 * A text rule: safe to store (issue code `custom` with `params.problem = 'unsafe_text'`), trimmed,
 * between `minChars` and `maxChars` UTF-16 units long (what `maxLength` counts in a browser).
 * @example safeTextSchema(64).safeParse('a\u0000').success // false
 */
export function safeTextSchema(maxChars: number, minChars = 0) {
  return z
    .string()
    .refine(isSafeText, { params: { problem: 'unsafe_text' }, message: 'must not contain a NUL character or a lone UTF-16 surrogate' })
    .trim()
    .min(minChars)
    .max(maxChars);
}
