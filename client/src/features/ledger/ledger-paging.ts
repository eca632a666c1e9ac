/** The page size of a ledger the server pages (a city drawn from tiles), apart so tests can read it without the React hook. */

/** Rows of one server page: a screenful or two of the dock, few enough to answer at once. */
export const LEDGER_PAGE_ROWS = 100;
