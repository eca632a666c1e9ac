export * from './atlas-api';
export { ApiError } from './request';
export type * from './types';
export { ROAD_CLASSES } from './types';
export * from './imports';
export * from './export';
export * from './estate-writes';
