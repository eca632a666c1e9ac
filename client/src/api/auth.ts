/**
 * Sign-in and the session (docs/API.md "Accounts"): each answer that carries a session hands its
 * CSRF token to request.ts, so later writes send it.
 */
import type { SessionInfo, SignInOptions } from '../../../core/contract/index';
import { isSession, isSignInOptions } from './checks';
import { invalidAnswer } from './invalid';
import { ApiError, request, setCsrfToken } from './request';

export type { SessionInfo, SignInOptions };

function adopt(path: string, body: unknown): SessionInfo {
  if (!isSession(body)) throw invalidAnswer(path, 'a session');
  setCsrfToken(body.csrfToken);
  return body;
}

/** What the sign-in page may show (the demo accounts, only while the server allows them). */
export async function fetchSignInOptions(signal?: AbortSignal): Promise<SignInOptions> {
  const body = await request('/api/auth/options', { signal });
  if (!isSignInOptions(body)) throw invalidAnswer('/api/auth/options', 'sign-in options');
  return body;
}

/** Signs in; throws ApiError `invalid_credentials` (401) or `too_many_attempts` (429). */
export async function signIn(username: string, password: string): Promise<SessionInfo> {
  return adopt('/api/auth/login', await request('/api/auth/login', { method: 'POST', body: { username, password } }));
}

/** The current session, or null when there is none (401). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return adopt('/api/auth/session', await request('/api/auth/session', { signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signOut(): Promise<void> {
  try {
    await request('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}

/** Changes the signed-in user's password; the server ends the session, so the caller signs in again. */
export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await request('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
  setCsrfToken(null);
}
