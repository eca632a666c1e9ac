/**
 * Issue 7: every string the client shows — estate names, notes, import cells, server messages —
 * is rendered as text (React children, MapLibre/deck.gl text), never parsed as HTML, so a name
 * such as `<img src=x onerror=…>` stays a name. This scans the client's source for the HTML sinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';

const CLIENT_SRC = join(PROJECT_ROOT, 'client', 'src');

/** Ways a string becomes markup in the DOM, React, MapLibre popups and deck.gl tooltips. */
const HTML_SINKS: readonly [string, RegExp][] = [
  ['innerHTML / outerHTML', /\.(inner|outer)HTML\b/u],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/u],
  ['setHTML (MapLibre Popup, Sanitizer API)', /\.setHTML\s*\(/u],
  ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/u],
  ['document.write', /\bdocument\.write(ln)?\s*\(/u],
  ['createContextualFragment', /\bcreateContextualFragment\b/u],
  ['DOMParser', /\bDOMParser\b/u],
  ['a deck.gl tooltip with html', /\bhtml\s*:/u],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/u.test(entry.name) ? [path] : [];
  });
}

describe('client text rendering', () => {
  const files = sourceFiles(CLIENT_SRC);

  it('finds the client sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(HTML_SINKS)('uses no %s anywhere in client/src', (_label, pattern) => {
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, k) => (pattern.test(line) ? [`${file.slice(CLIENT_SRC.length + 1)}:${k + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
