import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/** An expected failure that becomes an HTTP status and a JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(400, 'invalid_request', message, details);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}

export class UnprocessableError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(422, 'unprocessable', message, details);
  }
}

export class UnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'unavailable', message);
  }
}

/** Turns zod issues into one sentence naming each bad field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The one place where errors become responses. */
export const errorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof z.ZodError) {
    res.status(400).json({ error: { code: 'invalid_request', message: describeZodError(error) } });
    return;
  }
  if (error instanceof HttpError) {
    const body: { code: string; message: string; details?: unknown } = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    res.status(error.status).json({ error: body });
    return;
  }
  // Malformed JSON bodies from express.json()
  if (error instanceof SyntaxError && 'status' in error && error.status === 400) {
    res.status(400).json({ error: { code: 'invalid_json', message: `Request body is not valid JSON: ${error.message}` } });
    return;
  }
  console.error(error);
  res.status(500).json({ error: { code: 'internal', message: 'Internal server error' } });
};
