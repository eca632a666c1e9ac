/**
 * The one place where errors become HTTP responses: domain errors (server/domain-errors.ts), zod
 * errors and request-body/URL errors become 4xx/503 with `{ error: { code, message, params?,
 * details? } }`; anything else is a 500 that gives nothing away, logged with the request id, the
 * error class and SQLSTATE only (its message may quote SQL or user values).
 */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { ApiErrorBody } from '../../core/contract/index.js';
import { problemMessage, type ProblemCode, type ProblemParams } from '../../core/problems.js';
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
import { recordFailure } from './request-log.js';

/** Seconds a client should wait before retrying a 503; the database usually comes back within seconds. */
export const RETRY_AFTER_S = 5;

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
    if (error instanceof UnavailableError) res.set('Retry-After', String(RETRY_AFTER_S));
    const body: ApiErrorBody = { code: error.code, message: error.message, params: error.params };
    if (error.details !== undefined) body.details = error.details;
    if (error instanceof TooManyRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
    send(res, statusOf(error), body);
    return;
  }
  const request = requestProblem(error);
  if (request) {
    send(res, request.status, { code: request.code, message: problemMessage(request.code, request.params, 'en'), params: request.params });
    return;
  }
  recordFailure(res, internalFacts(error));
  send(res, 500, { code: 'internal', message: 'Internal server error' });
};

interface RequestProblem {
  status: number;
  code: ProblemCode;
  params: ProblemParams;
}

const BYTES_PER_MB = 1024 * 1024;

/**
 * A failure of the request itself rather than of the server: express.json()'s body errors
 * (http-errors with a `type`), a corrupt compressed body (zlib's Z_* codes) or a path with
 * malformed percent-encoding (the router's URIError).
 */
function requestProblem(error: unknown): RequestProblem | null {
  if (!(error instanceof Error)) return null;
  const fields = error as Error & {
    status?: unknown;
    type?: unknown;
    code?: unknown;
    limit?: unknown;
    charset?: unknown;
    encoding?: unknown;
  };
  const status = typeof fields.status === 'number' ? fields.status : 0;
  switch (fields.type) {
    case 'entity.too.large':
      return { status: 413, code: 'payload_too_large', params: { limitMb: Math.round(Number(fields.limit) / BYTES_PER_MB) } };
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_charset', params: { charset: String(fields.charset).toUpperCase() } };
    case 'encoding.unsupported':
      return { status: 415, code: 'unsupported_encoding', params: { encoding: String(fields.encoding) } };
    case 'entity.parse.failed':
      return { status: 400, code: 'invalid_json', params: { detail: error.message } };
  }
  if (typeof fields.code === 'string' && fields.code.startsWith('Z_')) return { status: 400, code: 'invalid_body_encoding', params: {} };
  if (error instanceof URIError) return { status: 400, code: 'invalid_url', params: {} };
  if (status >= 400 && status < 500) return { status, code: 'invalid_request', params: { detail: error.message } };
  return null;
}

/** What a 500's log line may say: the class and PostgreSQL's SQLSTATE, nothing from the message. */
function internalFacts(error: unknown): { errorClass: string; sqlState?: string } {
  const errorClass = error instanceof Error ? error.constructor.name : typeof error;
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { errorClass, sqlState: code } : { errorClass };
}
