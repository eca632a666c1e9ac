/**
 * The zones (片区) of an import: rows that name a zone (the 片区 column, core/io/ledger-columns.ts)
 * are grouped by that name, and each group becomes a zone through insertZone — inside the
 * import's transaction, after its estates are inserted, so a file's zones land with its estates
 * or nothing does. A broken zone rule becomes a `zone_refused` problem on every row of that zone,
 * naming the rule, and the whole import is refused as for any other row problem.
 *
 * Decision: a zone name a stored zone already uses is refused (zone_refused, rule
 * zone_name_taken), not merged into that zone. Merging would change a stored zone — its members,
 * outline, version and audit — as a side effect of an import, bypassing the version check that
 * guards every zone change (PATCH /api/zones/:id); refusing says so before anything is written
 * (validate reports it), and the planner renames the zone in the file or adds the estates to the
 * stored zone after importing them without the column.
 *
 * Only the computed outline, no sub-district, note or split reason: the 片区 column carries just
 * the name. A zone whose estates are not connected within the gap is therefore refused
 * (zone_disconnected); such a zone is re-created by hand with its reason.
 */
import type { ImportProblem } from '../../../core/contract/index.js';
import { ZONE_MAX_MEMBERS } from '../../../core/zones/zone-rules.js';
import type { ServiceContext } from '../../context.js';
import type { Executor, Queryable } from '../../db/index.js';
import { DomainError } from '../../domain-errors.js';
import { insertZone } from '../zones/zones.service.js';
import { problem, type PreparedRow } from './import-rows.js';

/** The rows of one zone of the file, under the first spelling of its name. */
export interface ImportZoneGroup {
  name: string;
  /** Row indexes, ascending. */
  rows: number[];
}

/** Zone names compare as the unique index zones_name_key does: trimmed, case-insensitive. */
const zoneKey = (name: string): string => name.trim().toLowerCase();

/**
 * The file's zones: rows grouped by zone name, in order of first appearance.
 * @example importZoneGroups([{ index: 0, zone: '东片区' }, { index: 1, zone: null }, { index: 2, zone: '东片区' }])
 * // [{ name: '东片区', rows: [0, 2] }]
 */
export function importZoneGroups(rows: readonly Pick<PreparedRow, 'index' | 'zone'>[]): ImportZoneGroup[] {
  const groups = new Map<string, ImportZoneGroup>();
  for (const row of rows) {
    if (row.zone === null) continue;
    const key = zoneKey(row.zone);
    const group = groups.get(key) ?? { name: row.zone, rows: [] };
    group.rows.push(row.index);
    groups.set(key, group);
  }
  return [...groups.values()];
}

type AddProblem = (index: number, found: ImportProblem) => void;

function refuse(group: ImportZoneGroup, add: AddProblem, rule: string, params: Record<string, string | number>, details?: unknown): void {
  const found = problem('zone_refused', { ...params, zone: group.name, rule }, details);
  for (const index of group.rows) add(index, found);
}

/**
 * What can be told before any estate is written (validate and commit alike): a zone name a stored
 * zone already uses, and more members than one zone may hold.
 */
export async function checkImportZones(db: Queryable, groups: readonly ImportZoneGroup[], add: AddProblem): Promise<void> {
  if (groups.length === 0) return;
  const taken = await db.query<{ given: string; id: number; name: string }>(
    `SELECT g.given, z.id, z.name FROM unnest($1::text[]) AS g(given) JOIN zones z ON lower(btrim(z.name)) = lower(btrim(g.given))`,
    [groups.map((group) => group.name)],
  );
  const takenByName = new Map(taken.map((row) => [row.given, row]));
  for (const group of groups) {
    const stored = takenByName.get(group.name);
    if (stored) refuse(group, add, 'zone_name_taken', { name: stored.name, id: stored.id }, { zoneId: stored.id });
    else if (group.rows.length > ZONE_MAX_MEMBERS) {
      refuse(group, add, 'zone_too_many_estates', { estates: group.rows.length, maximum: ZONE_MAX_MEMBERS });
    }
  }
}

/**
 * Creates the file's zones from its newly inserted estates (`estateIds` by row index) with every
 * rule of POST /api/zones. The caller holds the estate write lock and rolls back when any zone was
 * refused; each refusal is added to its rows. Answers the ids of the zones created.
 */
export async function insertImportZones(
  ctx: ServiceContext<Executor>,
  groups: readonly ImportZoneGroup[],
  estateIds: ReadonlyMap<number, number>,
  add: AddProblem,
): Promise<number[]> {
  const created: number[] = [];
  for (const group of groups) {
    const ids = group.rows.map((index) => estateIds.get(index));
    if (ids.some((id) => id === undefined)) throw new Error(`zone "${group.name}": a row without an inserted estate`);
    try {
      created.push(
        await insertZone(ctx, {
          name: group.name,
          estateIds: (ids as number[]).sort((a, b) => a - b),
          subdistrictCode: null,
          note: null,
          splitReason: null,
          boundary: null,
        }),
      );
    } catch (error) {
      // The zone rules throw before they write, so the transaction stays usable for the next zone.
      if (!(error instanceof DomainError)) throw error;
      const params = Object.fromEntries(
        Object.entries(error.params).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])),
      );
      refuse(group, add, error.code, params, error.details);
    }
  }
  return created;
}
