import type { Permission } from '../../../core/access';
import { problemMessage } from '../../../core/problems';
import { useAtlasStore } from './atlas-store';
import { can } from './session-slice';

/** Whether the signed-in user's role holds `permission` (re-renders when the session changes). */
export function useCan(permission: Permission): boolean {
  return useAtlasStore((s) => can(s.session, permission));
}

/**
 * Null when the role holds `permission`, else why not, worded as the server's 403 (`forbidden`),
 * e.g. "您的角色（领导）无权编辑小区台账…" — the tooltip of a disabled control.
 */
export function useRefusal(permission: Permission): string | null {
  return useAtlasStore((s) =>
    can(s.session, permission) || !s.session ? null : problemMessage('forbidden', { role: s.session.user.role, permission }, s.language),
  );
}
