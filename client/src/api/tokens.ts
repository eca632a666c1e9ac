/** The signed-in user's personal API tokens (for desktop GIS and scripts): list, create (secret shown once), revoke. */
import type { ApiTokenInput, ApiTokenRecord, CreatedApiToken } from '../../../core/contract/index';
import { isApiTokenList, isCreatedApiToken } from './checks';
import { invalidAnswer } from './invalid';
import { request } from './request';

export type { ApiTokenRecord, CreatedApiToken };

export async function fetchApiTokens(signal?: AbortSignal): Promise<ApiTokenRecord[]> {
  const body = await request('/api/tokens', { signal });
  if (!isApiTokenList(body)) throw invalidAnswer('/api/tokens', 'a list of API tokens');
  return body;
}

export async function createApiToken(input: ApiTokenInput): Promise<CreatedApiToken> {
  const body = await request('/api/tokens', { method: 'POST', body: input });
  if (!isCreatedApiToken(body)) throw invalidAnswer('/api/tokens', 'the new API token');
  return body;
}

export async function revokeApiToken(id: number): Promise<void> {
  await request(`/api/tokens/${id}`, { method: 'DELETE' });
}
