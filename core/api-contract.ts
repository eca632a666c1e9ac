// Moved to core/contract/ (one file per route family); this re-export goes once every import follows.
export * from './contract/index.js';
