/**
 * Which estates of the whole ledger a filter keeps, as the shorter of two id lists: those it
 * keeps, or those it leaves out. A map that does not hold every estate (vector tiles) fades the
 * others by it: the leaders' programme filter (GET /api/dashboard) and the text search
 * (GET /api/estates/matching), which tiles cannot evaluate.
 */
export interface EstateIdListing {
  lists: 'kept' | 'faded';
  /** Ascending. */
  ids: number[];
}

/**
 * @example estateIdListing([{ estateId: 1, matched: true }, { estateId: 2, matched: false }, { estateId: 3, matched: false }])
 * // { lists: 'kept', ids: [1] }
 */
export function estateIdListing(estates: readonly { estateId: number; matched: boolean }[]): EstateIdListing {
  const kept: number[] = [];
  const faded: number[] = [];
  for (const estate of estates) (estate.matched ? kept : faded).push(estate.estateId);
  return shorterListing(kept, faded);
}

/**
 * The shorter of the two sides, sorted; a tie lists the kept side.
 * @example shorterListing([5, 2], [1]) // { lists: 'faded', ids: [1] }
 */
export function shorterListing(kept: number[], faded: number[]): EstateIdListing {
  const listing: EstateIdListing = kept.length <= faded.length ? { lists: 'kept', ids: kept } : { lists: 'faded', ids: faded };
  listing.ids.sort((a, b) => a - b);
  return listing;
}
