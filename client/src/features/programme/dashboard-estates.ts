/**
 * Which estates the dashboard's per-estate list needs to hold: every one for a city the browser
 * holds whole; for a city drawn from tiles only those it holds (the estates opened) and the
 * members of its zones, whose least advanced stage colours them, so 200 000 entries (30 MiB)
 * are not downloaded for the few the map draws itself.
 */
import { MAX_DASHBOARD_ESTATE_IDS } from '../../../../core/contract/index';
import type { ZoneApiFeature } from '../../api';
import type { DataState } from '../../state/data-slice';

/**
 * The `estates` parameter of GET /api/dashboard: null for every estate, else the ids sorted and
 * comma-separated, or `none` (a string, so an unchanged set asks nothing again); undefined while
 * the city is loading. Past the server's limit the
 * whole list is asked for: a wrong zone colour would be worse than a large answer.
 * @example dashboardEstatesParam(tiledData, zones) // '3,9,12': held estates and zone members
 */
export function dashboardEstatesParam(
  { data, status }: Pick<DataState, 'data' | 'status'>,
  zones: readonly ZoneApiFeature[] | null,
): string | null | undefined {
  // Until the city has loaded it is not known which (undefined: wait); a city that failed to load gets every estate.
  if (!data) return status === 'error' ? null : undefined;
  if (data.config.estateSource.kind !== 'tiles') return null;
  const ids = new Set(data.estates.features.map((f) => f.id));
  for (const zone of zones ?? []) for (const id of zone.properties.estateIds) ids.add(id);
  if (ids.size > MAX_DASHBOARD_ESTATE_IDS) return null;
  return ids.size === 0 ? 'none' : [...ids].sort((a, b) => a - b).join(',');
}
