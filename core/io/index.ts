/** File formats: reading imports, matching their columns to the ledger, coordinate systems, CSV writing. */
export * from './coerce-value.js';
export * from './csv.js';
export * from './field-matching.js';
export * from './ledger-columns.js';
export * from './map-rows.js';
export * from './read-import-file.js';
export * from './source-crs.js';
export * from './text-encoding.js';
