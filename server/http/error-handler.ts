/**
 * The one place where errors become HTTP responses: domain errors (server/domain-errors.ts) and
 * zod errors become 4xx/503 with `{ error: { code, message, params?, details? } }`; anything else
 * is a logged 500 that gives nothing away.
 */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { ApiErrorBody } from '../../core/contract/index.js';
import { toFieldIssue } from '../../core/estate-schema.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  RejectedError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnavailableError,
} from '../domain-errors.js';

const STATUS_OF: readonly [abstract new (...args: never[]) => DomainError, number][] = [
  [InvalidError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [TooManyRequestsError, 429],
  [NotFoundError, 404],
  [ConflictError, 409],
  [RejectedError, 422],
  [UnavailableError, 503],
];

function statusOf(error: DomainError): number {
  return STATUS_OF.find(([type]) => error instanceof type)?.[1] ?? 500;
}

/** A zod error of a query or body as an InvalidError naming each field. */
export function invalidFromZod(error: z.ZodError, input: unknown): InvalidError {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  return new InvalidError(error.issues.map((issue) => withZodMessage(toFieldIssue(issue, record), issue)));
}

/** Route schemas carry their own English wording (e.g. "bbox must be west,south,east,north"); keep it. */
function withZodMessage(issue: ReturnType<typeof toFieldIssue>, zodIssue: z.core.$ZodIssue): ReturnType<typeof toFieldIssue> {
  if (zodIssue.message.startsWith('Invalid input') || zodIssue.message.startsWith('Too ') || zodIssue.message.startsWith('Unrecognized'))
    return issue;
  const path = zodIssue.path.map(String).join('.');
  const message = path === '' || zodIssue.message.startsWith(path) ? zodIssue.message : `${path}: ${zodIssue.message}`;
  return { ...issue, message, params: { ...issue.params, detail: message } };
}

function send(res: Parameters<ErrorRequestHandler>[2], status: number, body: ApiErrorBody): void {
  res.status(status).json({ error: body });
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof z.ZodError) {
    const invalid = invalidFromZod(error, req.body ?? req.query);
    send(res, 400, { code: invalid.code, message: invalid.message, params: invalid.params, details: invalid.details });
    return;
  }
  if (error instanceof DomainError) {
    const body: ApiErrorBody = { code: error.code, message: error.message, params: error.params };
    if (error.details !== undefined) body.details = error.details;
    if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
    send(res, statusOf(error), body);
    return;
  }
  // Malformed JSON bodies and oversized bodies from express.json()
  if (error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    const code = error instanceof SyntaxError ? 'invalid_json' : 'invalid_request';
    send(res, error.status, {
      code,
      message: `${code === 'invalid_json' ? 'Request body is not valid JSON' : 'Bad request'}: ${error.message}`,
      params: { detail: error.message },
    });
    return;
  }
  console.error(error);
  send(res, 500, { code: 'internal', message: 'Internal server error' });
};
