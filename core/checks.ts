/**
 * Type guards for values that arrive as `unknown` (JSON bodies, API answers, file rows), in one
 * place for client and server. Modelled on terra-draw's `common/checks.ts`.
 */

/** A guard that narrows `unknown` to `T`. */
export type Check<T> = (value: unknown) => value is T;

/**
 * A plain object (not null, not an array).
 * @example isRecord({ a: 1 }) // true; isRecord([1]) // false
 */
export const isRecord: Check<Record<string, unknown>> = (value): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
