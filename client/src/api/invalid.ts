import { ApiError } from './request';

/** The error of an answer that does not have the contract's shape. */
export function invalidAnswer(path: string, what: string): ApiError {
  return new ApiError(200, 'invalid_response', `${path} did not answer with ${what}`, path);
}
