import { describe, expect, it } from 'vitest';
import { parseBbox } from '../../core/geometry/bbox.js';

describe('parseBbox', () => {
  it('parses four numbers in minLng,minLat,maxLng,maxLat order', () => {
    expect(parseBbox('109.40,24.30,109.42,24.32')).toEqual({ ok: true, value: [109.4, 24.3, 109.42, 24.32] });
  });

  it.each([
    ['1,2,3', '4 comma-separated numbers'],
    ['1,2,3,4,5', 'got 5'],
    ['109,x,110,25', '"x" is not a number'],
    ['109,,110,25', 'is not a number'],
    ['181,24,182,25', 'longitude 181'],
    ['109,-91,110,25', 'latitude -91'],
    ['110,24,109,25', 'minLng 110 is greater than maxLng 109'],
    ['109,25,110,24', 'minLat 25 is greater than maxLat 24'],
  ])('rejects %s saying %s', (text, reason) => {
    const result = parseBbox(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts a degenerate box around a single point', () => {
    expect(parseBbox('109.41,24.31,109.41,24.31').ok).toBe(true);
  });
});
