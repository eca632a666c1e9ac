/**
 * The form stops where the server's rule would refuse: each text control's maxLength is the
 * registry's maxChars (core/ledger-fields.ts), rendered without a browser.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { INPUT_FIELDS, maxCharsOf } from '../../core/ledger-fields.js';
import { LedgerFieldControl } from '../../client/src/features/edit/LedgerFieldControl.js';

describe('ledger form text controls', () => {
  const textFields = INPUT_FIELDS.filter((field) => field.kind === 'text');

  it.each(textFields.map((field) => [field.key, field] as const))('limits %s to its registry maxChars', (_key, field) => {
    const markup = renderToStaticMarkup(createElement(LedgerFieldControl, { field, value: '', onChange: () => undefined, language: 'zh' }));
    // HTML attribute names are case-insensitive; React writes maxLength.
    expect(markup.toLowerCase()).toContain(`maxlength="${maxCharsOf(field) ?? -1}"`);
  });
});
