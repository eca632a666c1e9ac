/**
 * One structured log line per request (pino-http) carrying a request id: the caller's sane
 * X-Request-Id (a proxy's or a client's, to follow one request across systems) or a new UUID,
 * echoed in the response so a user can quote it. Only method, path and status are logged —
 * no query string, headers or body, which can hold user values and, with sign-in, cookies.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../log.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Letters, digits and `._:-`, at most 128: anything else (log injection, huge values) is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What the error middleware knows about a 500 for the request's log line; never a message (it may quote SQL or values). */
export interface FailureFacts {
  errorClass: string;
  sqlState?: string;
}
const failures = new WeakMap<ServerResponse, FailureFacts>();

export function recordFailure(res: ServerResponse, facts: FailureFacts): void {
  failures.set(res, facts);
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel(_req, res, error) {
      if (res.statusCode === 503) return 'warn';
      return error || res.statusCode >= 500 ? 'error' : 'info';
    },
    // pino-http would add a made-up Error('failed with status code 500') with its own stack; the facts are more use.
    customErrorObject: (_req, res, _error, value: { res?: unknown; responseTime?: number }) => ({
      res: value.res,
      responseTime: value.responseTime,
      ...failures.get(res),
    }),
    customErrorMessage: (req, res) => `${req.method ?? ''} ${pathOf(req.url)} failed with ${res.statusCode}`,
    customSuccessMessage: (req, res) => `${req.method ?? ''} ${pathOf(req.url)} ${res.statusCode}`,
  });
}
