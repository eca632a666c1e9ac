/** The change notifications' payload (server/features/programme/programme-events.ts): what PostgreSQL will carry. */
import { describe, expect, it } from 'vitest';
import { programmeChangeSchema, type ProgrammeChange } from '../../core/contract/index.js';
import { changePayload } from '../../server/features/programme/programme-events.js';

describe('a change notification', () => {
  it('names the estates of a change that fits', () => {
    const change: ProgrammeChange = { kind: 'zones', estateIds: [3, 5, 8] };
    expect(JSON.parse(changePayload(change))).toEqual(change);
  });

  it('names none, and stays under PostgreSQL’s 8 000 bytes, when a zone of 2 000 members would not fit', () => {
    const estateIds = Array.from({ length: 4_000 }, (_, k) => 100_000 + k);
    const payload = changePayload({ kind: 'zones', estateIds });
    expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(programmeChangeSchema.parse(JSON.parse(payload))).toEqual({ kind: 'zones', estateIds: [] });
  });
});
