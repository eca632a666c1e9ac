import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estateIdListing } from '../../core/estate-id-listing';

describe('estateIdListing', () => {
  it('lists the shorter side, ascending, a tie listing the kept side, and the other side is every other estate', () => {
    const estates = fc.uniqueArray(fc.record({ estateId: fc.integer({ min: 1, max: 10_000 }), matched: fc.boolean() }), {
      selector: (estate) => estate.estateId,
      maxLength: 60,
    });
    fc.assert(
      fc.property(estates, (input) => {
        const listing = estateIdListing(input);
        const keptIds = input.filter((estate) => estate.matched).map((estate) => estate.estateId);
        const fadedIds = input.filter((estate) => !estate.matched).map((estate) => estate.estateId);
        const expectedSide = keptIds.length <= fadedIds.length ? 'kept' : 'faded';
        expect(listing.lists).toBe(expectedSide);
        const expectedIds = (expectedSide === 'kept' ? keptIds : fadedIds).sort((a, b) => a - b);
        expect(listing.ids).toEqual(expectedIds);
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
