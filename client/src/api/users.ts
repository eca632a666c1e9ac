/** User management (administrators, permission users.manage): list, create, change role or status, reset a password. */
import type { Role } from '../../../core/access';
import type { UserRecord } from '../../../core/contract/index';
import { isUser, isUserList } from './checks';
import { invalidAnswer } from './invalid';
import { request } from './request';

export type { UserRecord };

export async function fetchUsers(signal?: AbortSignal): Promise<UserRecord[]> {
  const body = await request('/api/users', { signal });
  if (!isUserList(body)) throw invalidAnswer('/api/users', 'a list of users');
  return body;
}

/** Throws ApiError `username_taken` (409) or `invalid_request` naming the field. */
export async function createUser(user: { username: string; password: string; role: Role }): Promise<UserRecord> {
  const body = await request('/api/users', { method: 'POST', body: user });
  if (!isUser(body)) throw invalidAnswer('/api/users', 'the new user');
  return body;
}

/** Changes role and/or status; throws ApiError `last_admin` (409) when no enabled administrator would remain. */
export async function updateUser(id: number, patch: { role?: Role; disabled?: boolean }): Promise<UserRecord> {
  const path = `/api/users/${id}`;
  const body = await request(path, { method: 'PATCH', body: patch });
  if (!isUser(body)) throw invalidAnswer(path, 'the changed user');
  return body;
}

export async function resetUserPassword(id: number, password: string): Promise<void> {
  await request(`/api/users/${id}/password`, { method: 'POST', body: { password } });
}
