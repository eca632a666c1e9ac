/**
 * Store slice of the ledger dock and the import preview: whether the ledger is open, the rows
 * checked for export, requests to frame an estate on the map, and the import wizard's preview.
 */
import type { Feature } from 'geojson';
import type { ImportPreview } from '../map/map-types';

/**
 * A request for the map to frame estates (by id, once loaded) or given features (an import
 * preview); `seq` makes a repeated request for the same target new.
 */
export interface FlyToRequest {
  estateIds: readonly number[];
  features: readonly Feature[] | null;
  /** Pixels on the map's right covered by a panel or dialog; null lets the map decide. */
  coveredRightPx: number | null;
  seq: number;
}

export interface LedgerState {
  ledgerOpen: boolean;
  /** Estate ids checked in the ledger table: the "selection" for export. */
  checkedEstateIds: readonly number[];
  flyTo: FlyToRequest | null;
  importPreview: ImportPreview | null;
}

export const initialLedger: LedgerState = {
  ledgerOpen: false,
  checkedEstateIds: [],
  flyTo: null,
  importPreview: null,
};

export function setLedgerOpen(_state: LedgerState, open: boolean): Partial<LedgerState> {
  return { ledgerOpen: open };
}

export function setCheckedEstateIds(_state: LedgerState, ids: readonly number[]): Partial<LedgerState> {
  return { checkedEstateIds: ids };
}

export function requestFlyTo(state: LedgerState, estateIds: readonly number[], coveredRightPx: number | null = null): Partial<LedgerState> {
  return { flyTo: { estateIds, features: null, coveredRightPx, seq: (state.flyTo?.seq ?? 0) + 1 } };
}

export function requestFlyToFeatures(
  state: LedgerState,
  features: readonly Feature[],
  coveredRightPx: number | null = null,
): Partial<LedgerState> {
  return { flyTo: { estateIds: [], features, coveredRightPx, seq: (state.flyTo?.seq ?? 0) + 1 } };
}

export function setImportPreview(_state: LedgerState, preview: ImportPreview | null): Partial<LedgerState> {
  return { importPreview: preview };
}
