/** The planning status of an estate, from its eligibility and urgency, as map and panel show it. */
import type { EstateProperties } from './estate.js';

export const ESTATE_STATUSES = ['urgent', 'eligible', 'notEligible'] as const;
export type EstateStatus = (typeof ESTATE_STATUSES)[number];

/**
 * urgent wins over eligible: urgent estates are the ones to start first.
 * @example estateStatus({ eligible: true, urgent: false }) // 'eligible'
 */
export function estateStatus(p: Pick<EstateProperties, 'eligible' | 'urgent'>): EstateStatus {
  if (p.urgent) return 'urgent';
  return p.eligible ? 'eligible' : 'notEligible';
}
