/**
 * Connection-level failures of either back-end become one error, DbUnavailableError, which the
 * error middleware answers with 503 + Retry-After: the request may succeed once the database is
 * back, unlike a failing statement (a 500). The driver's message never reaches the client — it
 * can name hosts and ports.
 */
import { UnavailableError } from '../domain-errors.js';

/** Why the database cannot serve, in words safe to show a user. */
export type UnavailableReason =
  'starting' | 'connection refused' | 'connection lost' | 'timed out' | 'shutting down' | 'too many connections';

export class DbUnavailableError extends UnavailableError {
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, options?: { cause?: unknown }) {
    super(reason);
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** Socket-level error codes of Node (net, dns) that mean "no connection", not "bad statement". */
const SOCKET_CODES: Readonly<Record<string, UnavailableReason>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection lost',
  EPIPE: 'connection lost',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'connection refused',
  ENETUNREACH: 'connection refused',
  ENOTFOUND: 'connection refused',
  EAI_AGAIN: 'connection refused',
};

/**
 * SQLSTATEs of a server that is going away or full (Appendix A of the PostgreSQL manual): class 08
 * (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now,
 * 53300 too_many_connections.
 */
function reasonOfSqlState(code: string): UnavailableReason | null {
  if (code.startsWith('08')) return 'connection lost';
  if (code === '57P01' || code === '57P02') return 'shutting down';
  if (code === '57P03') return 'starting';
  if (code === '53300') return 'too many connections';
  return null;
}

/** Messages pg gives without a code when the socket ended under it or the pool gave up waiting. */
const MESSAGE_REASONS: readonly [RegExp, UnavailableReason][] = [
  [/Connection terminated/i, 'connection lost'],
  [/not queryable/i, 'connection lost'],
  [/timeout exceeded when trying to connect/i, 'timed out'],
];

/** The reason when `error` is a connection-level failure, else null (a statement's own error). */
export function unavailableReason(error: unknown): UnavailableReason | null {
  if (error instanceof DbUnavailableError) return error.reason;
  if (!(error instanceof Error)) return null;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const bySocket = SOCKET_CODES[code];
  if (bySocket) return bySocket;
  const bySqlState = /^[0-9A-Z]{5}$/.test(code) ? reasonOfSqlState(code) : null;
  if (bySqlState) return bySqlState;
  // Node's "happy eyeballs" (localhost → ::1 and 127.0.0.1) reports several refusals together.
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const reason = unavailableReason(inner);
      if (reason) return reason;
    }
  }
  return MESSAGE_REASONS.find(([pattern]) => pattern.test(error.message))?.[1] ?? null;
}

/** `error` as a DbUnavailableError when the connection failed; otherwise unchanged. */
export function toDbError(error: unknown): unknown {
  if (error instanceof DbUnavailableError) return error;
  const reason = unavailableReason(error);
  return reason ? new DbUnavailableError(reason, { cause: error }) : error;
}
