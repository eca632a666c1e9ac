/**
 * Expected failures of the services, in domain terms: what went wrong (a problem code of
 * core/problems.ts with its params) and its details — never an HTTP status. The one error
 * middleware (http/error-handler.ts) maps each class to a status.
 */
import type { FieldIssue } from '../core/estate-schema.js';
import { problemMessage, type ProblemCode, type ProblemParams } from '../core/problems.js';

export abstract class DomainError extends Error {
  readonly code: ProblemCode;
  readonly params: ProblemParams;
  readonly details: unknown;

  constructor(code: ProblemCode, params: ProblemParams, details?: unknown) {
    super(problemMessage(code, params, 'en'));
    this.name = new.target.name;
    this.code = code;
    this.params = params;
    this.details = details;
  }
}

/** The thing asked for does not exist (404). */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', { what });
  }
}

/** The request breaks a rule of the ledger's fields or of the request itself (400); `fields` names each field at fault. */
export class InvalidError extends DomainError {
  readonly fields: readonly FieldIssue[];

  constructor(fields: readonly FieldIssue[], code: ProblemCode = 'invalid_request') {
    const detail = fields.map((issue) => issue.message).join('; ');
    super(code, code === 'invalid_request' ? { detail } : (fields[0]?.params ?? {}), { fields });
    this.fields = fields;
  }
}

/** Well-formed, but PostGIS or the import rules refuse the content (422): a bad geometry, import rows with problems. */
export class RejectedError extends DomainError {}

/** The record changed meanwhile or collides with another (409): a stale version, an overlap. */
export class ConflictError extends DomainError {}

/** The database cannot be reached (503). */
export class UnavailableError extends DomainError {
  constructor(reason: string) {
    super('unavailable', { reason });
  }
}

/** No valid session (401): signed out, expired, or the account was disabled. */
export class UnauthenticatedError extends DomainError {
  constructor(code: 'unauthenticated' | 'session_expired' | 'invalid_credentials' | 'invalid_token' = 'unauthenticated') {
    super(code, {});
  }
}

/** Signed in, but the role lacks the permission, or the CSRF token is missing (403). */
export class ForbiddenError extends DomainError {}

/** Too many attempts (429); `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('too_many_attempts', { retryAfterMinutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
