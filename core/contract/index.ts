/**
 * The wire format of every route, shared by the server that builds the answers and the client
 * that reads them: request and response types, and zod schemas of the responses the client checks.
 */
export * from './access.js';
export * from './errors.js';
export * from './estates.js';
export * from './imports.js';
export * from './layers.js';
export * from './zones.js';
export * from './coverage.js';
export * from './programme.js';
