export * from './atlas-api';
export type * from './types';
export * from './imports';
export * from './export';
export * from './estate-writes';
export * from './auth';
export * from './users';
export * from './audit';
export { ApiError, setSessionLostHandler } from './request';
