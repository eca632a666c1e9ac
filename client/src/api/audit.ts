/** The audit trail: browse (administrators), export as CSV, and one estate's history (anyone who reads the ledger). */
import type { AuditEntry, AuditQuery } from '../../../core/contract/index';
import { isAuditList } from './checks';
import { invalidAnswer } from './invalid';
import { request, type FileAnswer, type QueryValue } from './request';

export type { AuditEntry, AuditQuery };

function auditQuery(query: AuditQuery): Record<string, QueryValue> {
  return { ...query };
}

function checked(path: string, body: unknown): AuditEntry[] {
  if (!isAuditList(body)) throw invalidAnswer(path, 'audit entries');
  return body;
}

/** One page of entries, newest first; the next page passes the last entry's id as `beforeId`. */
export async function fetchAudit(query: AuditQuery, limit: number, signal?: AbortSignal): Promise<AuditEntry[]> {
  return checked('/api/audit', await request('/api/audit', { query: { ...auditQuery(query), limit }, signal }));
}

export async function fetchEstateHistory(estateId: number, signal?: AbortSignal): Promise<AuditEntry[]> {
  const path = `/api/estates/${estateId}/history`;
  return checked(path, await request(path, { signal }));
}

/** The filtered trail as a CSV file (without paging). */
export function fetchAuditCsv(query: AuditQuery): Promise<FileAnswer> {
  const { beforeId: _page, ...filters } = query;
  return request('/api/audit/export.csv', { query: auditQuery(filters), as: 'file' });
}
