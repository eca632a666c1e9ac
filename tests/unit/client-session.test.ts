import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, type Role } from '../../core/access';
import type { SessionInfo } from '../../client/src/api/auth';
import * as auth from '../../client/src/state/session-slice';
import { readOnlyToolbar, toolbarState } from '../../client/src/features/edit/edit-toolbar-actions';

function sessionOf(role: Role): SessionInfo {
  return {
    user: { id: 7, username: `demo-${role}`, role },
    permissions: [...ROLE_PERMISSIONS[role]],
    csrfToken: 'token-1',
    expiresAt: '2026-12-02T00:00:00Z',
    idleTimeoutMinutes: 30,
  };
}

describe('the session slice', () => {
  it('starts checking, with nobody signed in', () => {
    expect(auth.initialSession).toEqual({ session: null, authStatus: 'checking', signedOutReason: null });
  });

  it('keeps the session of a sign-in and forgets an earlier sign-out reason', () => {
    const ended = { ...auth.initialSession, ...auth.sessionEnded(auth.initialSession, 'session_expired') };
    const started = { ...ended, ...auth.sessionStarted(ended, sessionOf('planner')) };
    expect(started.authStatus).toBe('signedIn');
    expect(started.session?.user.username).toBe('demo-planner');
    expect(started.signedOutReason).toBeNull();
  });

  it('drops the session on sign-out and remembers why the server ended it', () => {
    const signedIn = { ...auth.initialSession, ...auth.sessionStarted(auth.initialSession, sessionOf('admin')) };
    expect(auth.sessionEnded(signedIn, null)).toEqual({ session: null, authStatus: 'signedOut', signedOutReason: null });
    expect(auth.sessionEnded(signedIn, 'session_expired').signedOutReason).toBe('session_expired');
  });

  it('derives what a role may do from the session permissions, and nothing when signed out', () => {
    expect(auth.can(sessionOf('leader'), 'ledger.read')).toBe(true);
    expect(auth.can(sessionOf('leader'), 'ledger.write')).toBe(false);
    expect(auth.can(sessionOf('planner'), 'ledger.write')).toBe(true);
    expect(auth.can(sessionOf('planner'), 'users.manage')).toBe(false);
    expect(auth.can(sessionOf('designer'), 'ledger.write')).toBe(false);
    expect(auth.can(sessionOf('admin'), 'audit.read')).toBe(true);
    expect(auth.can(null, 'ledger.read')).toBe(false);
  });
});

describe('the toolbar of a role that may not edit', () => {
  it('shows draw, edit and delete disabled and hides the session buttons', () => {
    const state = readOnlyToolbar(toolbarState(null, true, false, null));
    expect(
      Object.entries(state.visible)
        .filter(([, shown]) => shown)
        .map(([action]) => action),
    ).toEqual(['create', 'edit', 'delete']);
    expect(Object.values(state.enabled).some(Boolean)).toBe(false);
  });
});
