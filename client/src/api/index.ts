export * from './atlas-api';
export type * from './types';
export * from './imports';
export * from './export';
export * from './estate-writes';
