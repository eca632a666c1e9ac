/**
 * Who is signed in: the session of GET /api/auth/session or sign-in, and what it may do. The UI
 * hides or disables what `can` refuses; the server checks every request again.
 */
import type { Permission } from '../../../core/access';
import type { SessionInfo } from '../api';

/** `checking` until GET /api/auth/session answers on load. */
export type AuthStatus = 'checking' | 'signedIn' | 'signedOut';

export interface SessionState {
  session: SessionInfo | null;
  authStatus: AuthStatus;
  /** Why the user is back on the sign-in page (a problem code of core/problems.ts), shown there once. */
  signedOutReason: string | null;
}

export const initialSession: SessionState = { session: null, authStatus: 'checking', signedOutReason: null };

export function sessionStarted(_state: SessionState, session: SessionInfo): Partial<SessionState> {
  return { session, authStatus: 'signedIn', signedOutReason: null };
}

/** Signed out by the user (reason null), or the server ended the session (`session_expired`). */
export function sessionEnded(_state: SessionState, reason: string | null): Partial<SessionState> {
  return { session: null, authStatus: 'signedOut', signedOutReason: reason };
}

/**
 * Whether the session holds a permission (false when signed out).
 * @example can(session, 'ledger.write') // false for a leader
 */
export function can(session: SessionInfo | null, permission: Permission): boolean {
  return session?.permissions.includes(permission) ?? false;
}
